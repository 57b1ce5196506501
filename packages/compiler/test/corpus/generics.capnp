@0xfd7611518fc35d92;
# Generic structs and interfaces, nested types of generics, brands and implicit method parameters.

using Common = import "lib/common.capnp";
using Types = import "types.capnp";

struct Box(T) {
  value @0 :T;
  values @1 :List(Box(T));
  struct Inner {
    # Nested in a generic: sees T.
    item @0 :T;
    note @1 :Text;
  }
}

struct Pair(K, V) {
  key @0 :K;
  value @1 :V;
  swapped @2 :Pair(V, K);
  union {
    empty @3 :Void;
    boxedKey @4 :Box(K);
    keyInner @5 :Box(K).Inner;
  }
  extra :group {
    alsoValue @6 :V;
  }
}

struct Outer(A) {
  a @0 :A;
  struct Middle(B) {
    # A generic nested in a generic: two parameter scopes.
    a @0 :A;
    b @1 :B;
    struct Leaf(C) {
      a @0 :A;
      b @1 :B;
      c @2 :C;
    }
    interface Visitor(D) {
      visit @0 (a :A, b :B, d :D) -> (done :Bool);
    }
  }
  middleBound @1 :Middle(Text);
  middleUnbound @2 :Outer.Middle;
  annotation tag(struct, field) :A;
  using Alias = Middle(Data);
  using SelfAlias = A;
}

struct Brands {
  # Every way of branding a generic type.
  boxText @0 :Box(Text);
  boxData @1 :Box(Data);
  boxList @2 :Box(List(Int32));
  boxStruct @3 :Box(Common.Point);
  boxBox @4 :Box(Box(Text));
  boxAny @5 :Box(AnyPointer);
  boxInterface @6 :Box(Common.Sink);
  unboundBox @7 :Box;
  innerBound @8 :Box(Text).Inner;
  innerUnbound @9 :Box.Inner;
  pairFull @10 :Pair(Text, Data);
  pairNested @11 :Pair(Box(Text), List(Box(Data)));
  middleFull @12 :Outer(Text).Middle(Data);
  middleOuterOnly @13 :Outer(Text).Middle;
  middleInnerOnly @14 :Outer.Middle(Data);
  leafFull @15 :Outer(Text).Middle(Data).Leaf(List(Text));
  leafPartial @16 :Outer(Text).Middle.Leaf(Data);
  visitor @17 :Outer(Text).Middle(Data).Visitor(Types.AllTypes);
  listOfBoxes @18 :List(Box(Text));
  listOfListOfPairs @19 :List(List(Pair(Text, Text)));
  boxOfListOfBoxes @20 :Box(List(Box(Data)));
  viaAlias @21 :Outer(Int32List).Alias;
  container @22 :Container(Text);
  containerList @23 :List(Container(Data));
  boxEnumList @24 :Box(List(Types.Color));
  struct Int32List {
    items @0 :List(Int32);
  }
}

interface Container(T) {
  # Generic interface with methods using T, generic methods and inline params.
  get @0 (index :UInt32) -> (value :T);
  put @1 (value :T) -> ();
  all @2 () -> (values :List(Box(T)));
  map @3 [U] (mapper :Mapper(T, U)) -> (result :Container(U));
  convert @4 [X, Y] (x :X, y :Y) -> Pair(X, Y);
  wrap @5 [W] (w :W) -> (boxed :Box(W), inner :Box(W).Inner);
  named @6 Box(T) -> Box(Text);
  plain @7 Types.Small -> Types.Small;
  interface Mapper(In, Out) {
    apply @0 (input :In) -> (output :Out);
  }
}

interface TextContainer extends(Container(Text)) {
  # Extends a branded generic interface.
  clear @0 ();
}

interface Bridge(T) extends(Container(T), Container(Box(T))) {
  # Extends two brands of the same generic, passing its own parameter through.
  bridge @0 (t :T) -> (b :Box(T));
}

interface Implicit {
  # Implicit method parameters on a non-generic interface.
  identity @0 [T] (value :T) -> (value :T);
  pair @1 [A, B] (a :A, b :B) -> (pair :Pair(A, B));
}

struct UsesAliases {
  middle @0 :Outer(Text).Alias;
  selfAlias @1 :Outer(Data).SelfAlias;
  brandedAlias @2 :BrandedBox;
  genericAlias @3 :GenericAlias(Text, Data);
}

using BrandedBox = Box(Text);
using GenericAlias = Pair;

struct Tagged $Outer(Text).tag("generic annotation") {
  # Applies an annotation declared inside a generic struct, so the application carries a brand.
  field @0 :Int32 $Outer(Data).tag(0x"0102");
  other @1 :Text $Outer(List(Int32)).tag([1, 2, 3]);
}
