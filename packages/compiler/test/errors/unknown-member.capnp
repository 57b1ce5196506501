# A qualified name whose last part does not exist.
@0xa95e22fb96e01e12;

struct Outer {
  struct Inner {}
}

struct User {
  inner @0 :Outer.Inner;
  missing @1 :Outer.Missing;
}
