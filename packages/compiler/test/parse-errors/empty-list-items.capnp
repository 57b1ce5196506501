@0xccd0890aa4926a9b;
# `(a,)` allows one trailing comma; any other empty item is an error over the whole list.

const a :List(Int32) = [1, , 2];
const b :List(Int32) = [(,), 1, (1,)];
const c :List(Int32) = [1,,];
const d :List(Int32) = [];
struct Generic(T,,) {}
struct Generic2(, T) {}
interface Base {}
interface Iface extends(.Base,,) {
  m @0 (a :Text, , b :Text) -> ();
  n @1 [T, ,] () -> ();
}
annotation ann(,) :Void;
annotation ann2(struct,,) :Void;
