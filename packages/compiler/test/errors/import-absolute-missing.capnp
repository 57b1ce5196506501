# An absolute import not found in any -I directory.
@0xce42cba8d667a54b;

using Missing = import "/capnp/no-such-standard-file.capnp";

struct S {
  m @0 :Missing.Thing;
}
