# Statement-level parse errors are reported one per statement and parsing continues.
@0x9999b10b0e59ad9a;

struct S {
  a @0 :Int32
  b @1 :Int32;
  c @2 Int32;
}

const k :Int32 = ;

struct T {
  d @0 :List(Int32) = [1,,2];
}
