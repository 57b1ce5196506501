# A float literal (and inf) for integer fields.
@0xb67c88d1415dbfea;

struct S {
  count @0 :UInt16 = 1.5;
  total @1 :Int64 = inf;
}
