# Only one unnamed union per scope, and none inside a union.
@0xa85a4731f93ea3fe;

struct S {
  union {
    a @0 :Int32;
    b @1 :Int32;
  }
  union {
    c @2 :Int32;
    d @3 :Int32;
  }
  named :union {
    e @4 :Int32;
    union {
      f @5 :Int32;
      g @6 :Int32;
    }
  }
}
