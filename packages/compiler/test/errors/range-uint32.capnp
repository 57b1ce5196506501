# UInt32 defaults just outside the range.
@0xa1bc5cb3a74c19bf;

struct Limits {
  low @0 :UInt32 = -1;
  high @1 :UInt32 = 4294967296;
}
