@0xccd0890aa4926a9b;

struct Generic(T, 1, U) {}
struct Generic2(T U) {}
interface Iface extends(.Base, 1 2, $x) {}
interface Base {
  m @0 (a :Text = , b :Int32) -> ();
  n @1 [T, 1] () -> (x :T $);
  o @2 (a Text) -> (b :Text = "x" "y" 3);
}
const a :List(Int32) = [1, $ 2, - 3, (1, 2) 3];
const b :Int32 = (x = );
annotation ann(struct, 1, *x) :Void;
