# Assorted literal/type mismatches.
@0x9de36a1c5e8efafb;

enum Color {
  red @0;
  green @1;
}

struct Point {
  x @0 :Int32;
}

struct S {
  flag @0 :Bool = 1;
  nothing @1 :Void = 0;
  name @2 :Text = 0x"00";
  real @3 :Float64 = "1.5";
  color @4 :Color = 1;
  shade @5 :Color = purple;
  list @6 :List(Int32) = 5;
  point @7 :Point = [1, 2];
  points @8 :List(Point) = (x = 1);
  unknownField @9 :Point = (y = 2);
  tuple @10 :Int32 = (1, 2);
}
