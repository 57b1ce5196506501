# A value expression naming a field or a type instead of a constant.
@0xae20a01356ec952e;

struct S {
  a @0 :Int32;
  b @1 :Int32 = .S.a;
  c @2 :Int32 = .S;
}
