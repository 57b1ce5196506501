# Many unrelated errors in one file: the reference reports them all.
@0xd90947f21b7de06b;

struct Person {
  name @0 :Txt;
  age @1 :UInt8 = 300;
  age @2 :UInt8;
  email @4 :Text;
  Nick @5 :Text;
}

enum mood {
  happy @0;
  sad @0;
}

const answer :Int32 = "forty-two";

interface Api extends(Person) {
  call @0 (p :Person = null, n :Int32 = null) -> (r :List(AnyPointer));
}
