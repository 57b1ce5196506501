@0x83f2b3d5dc825133;
# Imports a sibling file relatively and the parent directory's files with "../".

using import "common.capnp".Point;
using Common = import "common.capnp";
using Types = import "../types.capnp";

struct Circle {
  center @0 :Point;
  radius @1 :Float64 = 1;
  color @2 :Types.Color = blue;
}

struct Polygon {
  vertices @0 :List(Point);
  level @1 :Common.Level = high;
  holes @2 :List(List(Point));
}

struct Shape {
  union {
    circle @0 :Circle;
    polygon @1 :Polygon;
    empty @2 :Void;
  }
  version @3 :Common.Version = (major = 2, minor = 1);
}

const unitCircle :Circle = (center = .Common.unit, radius = 1);
const triangle :Polygon = (vertices = [(x = 0, y = 0), (x = 1, y = 0), (x = 0, y = 1)]);
const answerTwice :Int64 = import "common.capnp".answer;
