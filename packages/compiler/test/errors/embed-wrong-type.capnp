# embed used for a type that cannot take it.
@0xae267886fe992dae;

struct S {
  count @0 :Int32 = embed "lib/good.capnp";
  list @1 :List(UInt8) = embed "lib/good.capnp";
}
