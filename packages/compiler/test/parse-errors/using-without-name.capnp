@0xccd0890aa4926a9b;

struct Foo {
  struct Inner {}
}
using .Foo;
using Alias = .Foo;
using Foo.Inner;
