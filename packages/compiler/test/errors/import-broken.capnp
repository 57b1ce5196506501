# Importing a file that itself has errors: they are reported under that file's path.
@0xd9c215fa50d752f9;

using Broken = import "lib/broken.capnp";

struct S {
  b @0 :Broken.Thing;
}
