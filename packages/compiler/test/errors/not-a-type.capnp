# A constant used where a type is expected.
@0xdc6d65e2c91011c2;

const limit :UInt32 = 10;

struct Bounded {
  value @0 :limit;
}
