# Brands with too few or too many parameters, and parameters on a non-generic type.
@0xd712e1c7584e80ae;

struct Pair(K, V) {
  key @0 :K;
  value @1 :V;
}

struct Plain {}

struct S {
  few @0 :Pair(Text);
  many @1 :Pair(Text, Data, Text);
  plain @2 :Plain(Text);
  twice @3 :Pair(Text, Text)(Data, Data);
  list @4 :List(Text, Data);
  bare @5 :List;
}
