@0x1234;

struct Foo @0x1 {}
enum Color @0x7fffffffffffffff { red @0; }
interface Iface @0 {}
const x @5 :Int32 = 1;
annotation ann @0x8000 (struct) :Void;
struct Ok @0x8000000000000000 {}
