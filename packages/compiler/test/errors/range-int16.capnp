# Int16 defaults just outside the range.
@0xadc785e3339bd8ba;

struct Limits {
  low @0 :Int16 = -32769;
  high @1 :Int16 = 32768;
}
