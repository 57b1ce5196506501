@0xccd0890aa4926a9b;
struct Foo {
  struct Bar {
    a @0 :Text;
  }
