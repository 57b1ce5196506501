@0xd2a4f8bb1f2d2f11;
# Imported by constructs.capnp: its types are declared in that file's declarations too.

struct Shape {
  sides @0 :UInt32;
  kind @1 :Kind;
  enum Kind {
    polygon @0;
    circle @1;
  }
}
