# The layout refusal of REFERENCE.md 3.3: three nested unions that 0.5.x laid out wrongly. The reference aborts with an uncaught exception (stack addresses masked).
@0xcc2e10003e861349;

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
