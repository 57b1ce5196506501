@0x808e5656ac1d3a9f;
# Name resolution: nested scopes, `using` aliases, shadowing of builtin type names.

using import "lib/common.capnp".Point;
using import "/capnp/c++.capnp".namespace;
using Unused = import "lib/shapes.capnp";
using Common = import "lib/common.capnp";
using Level = Common.Level;
using PointList = List(Point);
using Int = Int32;
using Sink = Common.Sink;

$namespace("corpus::names");

struct Shadowing {
  # Inside this struct, `Text` and `Data` name the nested structs, not the builtins.
  struct Text {
    value @0 :Int32;
  }
  struct Data {
    bytes @0 :List(UInt8);
  }
  text @0 :Text;
  data @1 :Data;
  builtinText @2 : .Builtins.RealText;  # `:.` would lex as one operator, hence the space.
}

struct Builtins {
  using RealText = Text;
  field @0 :RealText;
}

struct Scopes {
  # Nested declarations of every kind inside a struct.
  using Inner = Level;
  const k :Int = 5;
  enum E { a @0; b @1; }
  struct S {
    e @0 :E;
    parentAlias @1 :Inner;
    struct T {
      e @0 :E;
      outer @1 :Scopes;
      viaRoot @2 : .Scopes.S;
      sibling @3 :U;
    }
    struct U {
      t @0 :T;
    }
  }
  interface I {
    m @0 (s :S) -> (t :S.T);
  }
  annotation note(field, struct) :Text;
  field @0 :S.T $note("nested annotation");
  list @1 :PointList;
  number @2 :Int = .Scopes.k;
  level @3 :Inner = high;
  sink @4 :Sink;
}

interface Nesting {
  # Nested declarations of every kind inside an interface.
  using Alias = Scopes.S;
  const k :Text = "in interface";
  enum E { x @0; }
  struct Params {
    a @0 :Alias;
    e @1 :E;
  }
  interface Sub {
    call @0 Params -> (e :E);
  }
  annotation tag(method) :Void;
  get @0 () -> (sub :Sub, alias :Alias) $tag;
}

struct ForwardReference {
  # Uses types declared later in the file.
  later @0 :DeclaredLater;
  laterEnum @1 :LaterEnum = two;
}

struct DeclaredLater {
  back @0 :ForwardReference;
}

enum LaterEnum {
  one @0;
  two @1;
}

struct SameNames {
  # Member names may repeat names of types and of other scopes' members.
  point @0 :Point;
  level @1 :Level;
  struct Point {
    level @0 :Level;
  }
  localPoint @2 :SameNames.Point;
}

struct Recursive {
  # Self-referencing and mutually recursive types.
  self @0 :Recursive;
  list @1 :List(Recursive);
  other @2 :MutualA;
}

struct MutualA { b @0 :MutualB; }
struct MutualB { a @0 :MutualA; }
