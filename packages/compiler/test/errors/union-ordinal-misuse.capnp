# Union ordinals: missing `!`, missing colon, and retroactive ordinal too high.
@0xa9503e69735184a6;

struct OldStyle {
  u @0 union {
    a @1 :Int32;
    b @2 :Int32;
  }
}

struct NoBang {
  u @0 :union {
    a @1 :Int32;
    b @2 :Int32;
  }
}

struct TooHigh {
  u @2! :union {
    a @0 :Int32;
    b @1 :Int32;
  }
}
