# Ids below 2^63 are rejected.
@0xfade99b6bd75a4ab;

struct S @0x1234 {}

const k @0x7fffffffffffffff :Int32 = 1;
