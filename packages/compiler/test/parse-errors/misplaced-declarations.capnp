@0xccd0890aa4926a9b;

struct Foo {
  a @0 :Text;
  m @1 () -> ();
}
interface Bar {
  x @0 :Text;
  g :group { y @1 :Text; }
}
enum Color {
  red @0;
  struct Nested {}
  using T = Text;
}
a @0 :Text;
m @0 () -> ();
red @0;
