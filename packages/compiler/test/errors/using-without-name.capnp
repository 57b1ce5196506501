# `using` without `=` needs a member of another scope.
@0xf8fd08a248b2efb5;

using Int32;

struct S {
  a @0 :Int32;
}
