@0xccd0890aa4926a9b;
struct Foo {
  a @0 :Text;
  b @1 :Text
}
