# Imports and embeds of files that do not exist.
@0xedbded97c8e41b9f;

using Missing = import "does-not-exist.capnp";
using import "lib/also-missing.capnp".Thing;

struct S {
  value @0 :Int32 = import "nowhere.capnp".k;
  blob @1 :Data = embed "missing.bin";
}
