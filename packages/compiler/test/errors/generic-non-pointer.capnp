# Generic parameters bound to non-pointer types (and to AnyStruct / AnyList / Capability, which 0.9.2 also refuses).
@0xf21660a8fc11e409;

struct Box(T) {
  value @0 :T;
}

struct S {
  a @0 :Box(Int32);
  b @1 :Box(Bool);
  c @2 :Box(Color);
  d @3 :Box(AnyStruct);
  e @4 :Box(AnyList);
  f @5 :Box(Capability);
}

enum Color {
  red @0;
}
