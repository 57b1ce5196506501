# capnp-kit copy of the streaming support schema (declarations as in capnp 0.9.2).
@0x86c366a91393f3f8;
# Support declarations for `-> stream` methods.

$import "/capnp/c++.capnp".namespace("capnp");

struct StreamResult @0x995f9a3377c0b16e {
  # Result type of every method declared with `-> stream`. It has no fields: a streaming call
  # returns nothing, and its completion only signals flow control to the caller.
}
