# A constant referenced without a leading `.` or scope.
@0xeb1a59199dd64aab;

const base :Int32 = 10;

struct S {
  value @0 :Int32 = base;
}
