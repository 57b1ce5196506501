# UInt16 defaults just outside the range.
@0xaf471e3273f50942;

struct Limits {
  low @0 :UInt16 = -1;
  high @1 :UInt16 = 65536;
}
