# Ordinals with a hole.
@0xf13faf03bf714bae;

struct Sparse {
  a @0 :Int32;
  b @1 :Int32;
  d @3 :Int32;
}

enum Sparse2 {
  a @0;
  c @2;
}
