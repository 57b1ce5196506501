# List(AnyPointer), List(AnyStruct) and List of a generic parameter.
@0xc910fc99259f4b36;

struct S(T) {
  a @0 :List(AnyPointer);
  b @1 :List(AnyStruct);
  c @2 :List(T);
}
