# UInt64 below zero (2^64 itself wraps to 0 and is accepted).
@0xa315efceca21922b;

struct Limits {
  low @0 :UInt64 = -1;
  veryNegative @1 :UInt64 = -18446744073709551615;
}
