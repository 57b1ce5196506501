@0xccd0890aa4926a9b;
# A statement that does not parse is dropped with its block: errors inside it are not reported,
# and neither are those in a block that a statement may not have.

struct 1 {
  a @0 :Text = ;
  b @70000 :Text;
}
const k :Int32 = 1 {
  bad @0 :Text = ;
}
struct Ok {
  inner @0 :Text;
  struct Deeper {
    x @0 :Text = ;
    y @0 :Text;
  }
}
