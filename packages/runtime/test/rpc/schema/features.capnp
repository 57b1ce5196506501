# Interface features of the RPC runtime: inheritance, generics, the return conventions of
# server methods, tail calls.
@0xd57e3b3e4f9a6a21;

interface Base {
  name @0 () -> (name :Text);
}

interface Derived extends(Base) {
  twice @0 (x :Int32) -> (y :Int32);
}

interface Box(T) {
  set @0 (value :T) -> ();
  get @1 () -> (value :T);
}

struct Point {
  x @0 :Int32;
  y @1 :Int32;
}

interface Conventions {
  single @0 () -> (value :Int32);
  pair @1 () -> (a :Int32, b :Text);
  point @2 () -> (p :Point);
  derived @3 () -> (d :Derived);
  nothing @4 () -> ();
  viaContext @5 (x :Int32) -> (y :Int32);
  tail @6 (x :Int32) -> (y :Int32);
  params @7 (a :Int32, b :Text, c :List(Int32)) -> (summary :Text);
  released @8 (x :Int32) -> (y :Int32);
  boxes @9 () -> (text :Box(Text), point :Box(Point));
}

struct Holder {
  # A capability in a message made locally (its client calls the server in this process).
  derived @0 :Derived;
}

struct Anything {
  # A capability in an AnyPointer field (read and written with getAs/setAs).
  any @0 :AnyPointer;
}
