@0xccd0890aa4926a9b;
# Each bad statement is reported and skipped; parsing goes on with the next one.

struct 123 $foo {}
struct Foo 123 {}
struct Bar {
  a @0 :Text;
  b @1;
  c @1 :Text = ;
  d @1 :Text $;
}
const x :Int32 = 0 9;
const y :Int32 = ;
const :Int32 = 1;
;
{}
struct Baz { union $ann {} }
enum Color { red @0; green; blue @1 :Text; }
const z :Float64 = - nan;
const w :Text = "a" "b" "c" 1;
