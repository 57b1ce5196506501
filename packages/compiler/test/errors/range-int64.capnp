# Int64 defaults just outside the range.
@0xf6fa7aa4c71fc4f1;

struct Limits {
  low @0 :Int64 = -9223372036854775809;
  high @1 :Int64 = 9223372036854775808;
}
