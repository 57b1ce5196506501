# Int32 defaults just outside the range.
@0x84daa9950ab42777;

struct Limits {
  low @0 :Int32 = -2147483649;
  high @1 :Int32 = 2147483648;
}
