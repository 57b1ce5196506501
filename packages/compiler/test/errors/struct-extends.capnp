# `extends` is only for interfaces (a parse error on a struct).
@0x94507d03e120f777;

interface Base {}

struct S extends(Base) {
  a @0 :Int32;
}
