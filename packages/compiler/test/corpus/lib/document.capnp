@0xc8d98a4cede4fe92;
# The struct type of the binary message that embeds.capnp embeds (data/document.bin).

using Common = import "common.capnp";

struct Document {
  title @0 :Text;
  pages @1 :UInt32;
  tags @2 :List(Text);
  origin @3 :Common.Point;
  sections @4 :List(Section);
  checksum @5 :Data;
  struct Section {
    heading @0 :Text;
    level @1 :Common.Level;
  }
}
