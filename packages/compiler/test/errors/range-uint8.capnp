# UInt8 defaults just outside the range.
@0xb2a6d2a90447bca7;

struct Limits {
  low @0 :UInt8 = -1;
  high @1 :UInt8 = 256;
}
