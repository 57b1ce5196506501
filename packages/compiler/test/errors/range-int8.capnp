# Int8 defaults just outside the range.
@0xab95e7444caca157;

struct Limits {
  low @0 :Int8 = -129;
  high @1 :Int8 = 128;
  ok @2 :Int8 = -128;
}
