# Errors before the issue-344 refusal are printed; the abort hides everything after it.
@0x9079bf53a9d7c143;

struct Before {
  a @0 :Missing1;
}

struct Nested {
  union {
    outer :union {
      inner :union {
        a @3 :Bool;
        b @2 :Void;
      }
      c @4 :Void;
    }
    other :union {
      d @0 :Bool;
      e @1 :Void;
    }
  }
}

struct After {
  a @0 :Missing2;
}
