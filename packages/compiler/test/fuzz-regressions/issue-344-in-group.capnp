# Found by the compile fuzzing campaign (fuzz/): placing the discriminant of union `r` trips the
# reference's issue-344 assertion when the union is finished, not while one of its members is
# placed, so the reference's uncaught exception names no member (and compile() used to throw).
@0xdbb9ad1f14bf0b36;

struct D {
  union {
    r :union {
      s :union {
        a @5 :Bool;
      }
      c @4 :Void;
    }
    t :union {
      d @0 :Void;
    }
  }
}
