# A valid-looking `@n!` union that makes capnp 0.9.2 fail its own validation (internal bug).
@0x9ee6a44e85bb765f;

struct S {
  kind @2! :union {
    early @0 :Bool;
    late @3 :Int64;
  }
  other @1 :Int16;
}
