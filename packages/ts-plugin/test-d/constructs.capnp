@0xb6b2b0f1ad3f7c31;
# The schema constructs beyond the quickstart's, for constructs.test-d.ts.

using Shapes = import "shapes.capnp";

const answer :Int64 = -42;
const ratio :Float64 = 0.5;
const notANumber :Float64 = nan;
const greeting :Text = "hi \"there\"";
const enabled :Bool = true;
const bytes :Data = 0x"01 02";
const favourite :Shapes.Shape.Kind = circle;
const origin :Point = (x = 1, y = 2);
const primes :List(UInt8) = [2, 3, 5];
const delete :UInt8 = 7;

using TopPoint = Point;

struct Point {
  x @0 :Int32;
  y @1 :Int32;
}

struct Scalars {
  flag @0 :Bool;
  small @1 :Int8;
  big @2 :Int64;
  huge @3 :UInt64;
  real @4 :Float32;
  blob @5 :Data;
  nothing @6 :Void;
  matrix @7 :List(List(Float64));
  kinds @8 :List(Shapes.Shape.Kind);
  names @9 :List(Text);
  shape @10 :Shapes.Shape;
  anything @11 :AnyPointer;
  const limit :UInt16 = 10;
}

struct Box(T) {
  value @0 :T;
}

struct Pair(Key, Value) {
  key @0 :Key;
  value @1 :Value;
}

struct Outer(T) {
  struct Inner {
    item @0 :T;
  }
  inner @0 :Inner;
}

struct Holder {
  textBox @0 :Box(Text);
  pointBox @1 :Box(Point);
  pair @2 :Pair(Text, List(Int32));
  outerInner @3 :Outer(Data).Inner;
  union {
    empty @4 :Void;
    point @5 :Point;
    label @6 :Text;
  }
  # Names that are also the names of the generated helper types and of top-level declarations.
  struct Init {
    point @0 :Point;
  }
  struct Point {
    z @0 :Int32;
  }
  ownInit @7 :Init;
  localPoint @8 :Point;
  topPoint @9 :TopPoint;
}
