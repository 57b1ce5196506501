@0xccd0890aa4926a9b;
const n :Int32 = 1;
struct Foo { a @0 :Text; b @1 :Text `quoted`; }
