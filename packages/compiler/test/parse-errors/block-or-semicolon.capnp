@0xccd0890aa4926a9b;

struct A;  # this doc comment makes the statement span two lines

const k :Int32 = 1 {}
struct B; 
enum E { a @0 {} }
interface I;
struct C {
  f @0 :Int32 { }
  v :union {
    x @1 :Int32;
    y @2 :Int32;
  }
}
