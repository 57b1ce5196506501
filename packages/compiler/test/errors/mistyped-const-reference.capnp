# Constant references of the wrong type.
@0xe1b5f53bb4a4fb95;

struct A {
  x @0 :Int32;
}

struct B {
  x @0 :Int32;
}

const name :Text = "n";
const a :A = (x = 1);
const notData :Data = .name;
const notB :B = .a;
const notInt :Int32 = .name;
