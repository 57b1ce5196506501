@0xde29398484899203;
# Constants of every type and every way of referring to another constant.

using Types = import "types.capnp";
using Common = import "lib/common.capnp";

const voidConst :Void = void;
const boolConst :Bool = true;
const int8Const :Int8 = -123;
const int16Const :Int16 = -12345;
const int32Const :Int32 = -12345678;
const int64Const :Int64 = -123456789012345;
const uInt8Const :UInt8 = 234;
const uInt16Const :UInt16 = 45678;
const uInt32Const :UInt32 = 3456789012;
const uInt64Const :UInt64 = 12345678901234567890;
const float32Const :Float32 = 1234.5;
const float64Const :Float64 = -1.23e47;
const nanConst :Float64 = nan;
const infConst :Float32 = inf;
const textConst :Text = "foo";
const emptyTextConst :Text = "";
const dataConst :Data = 0x"62 61 72";
const enumConst :Types.Color = blue;
const structConst :Types.Small = (flag = true, count = 1, name = "const");
const emptyStructConst :Types.Empty = ();
const importedStructConst :Common.Point = (x = 3, y = 4);
const voidListConst :List(Void) = [void, void];
const boolListConst :List(Bool) = [true, false];
const int8ListConst :List(Int8) = [111, -111];
const uInt64ListConst :List(UInt64) = [0, 18446744073709551615];
const float32ListConst :List(Float32) = [5555.5, inf, -inf, nan];
const textListConst :List(Text) = ["plugh", "xyzzy", "thud"];
const dataListConst :List(Data) = ["oops", "exhausted", "rfc3092"];
const enumListConst :List(Types.Color) = [red, blue];
const structListConst :List(Types.Small) = [(name = "a"), (name = "b"), (name = "c")];
const listListConst :List(List(Text)) = [["x"], [], ["y", "z"]];
const emptyListConst :List(Int32) = [];
const nestedConst :Types.Nested = (id = 99, inner = (a = 1, deeper = (c = 2)), text = "chosen");

# (A reference to an enum-typed constant is rejected by capnp 0.9.2 with "Type mismatch", so
# enums are only referenced inside lists and structs here.)

# References: absolute (`.name`), through a scope (`Scope.name`) and through an import.
const refAbsolute :Int8 = .int8Const;
const refWidened :Int64 = .int32Const;
const refToFloat :Float64 = .int16Const;
const refText :Text = .textConst;
const refStruct :Types.Small = .structConst;
const refList :List(Text) = .textListConst;
const refEnumList :List(Types.Color) = .enumListConst;
const refChain :Int8 = .refAbsolute;
const refScoped :UInt32 = Scope.inner;
const refDeepScoped :Text = Scope.Deeper.deepest;
const refImported :Int32 = import "lib/common.capnp".answer;
const refImportedAlias :Text = Common.greeting;
const refImportedStruct :Common.Point = Common.origin;
const refInList :List(Int8) = [.int8Const, 0, .refChain];
const refInStruct :Types.Small = (flag = .boolConst, count = .uInt8Const, name = .textConst);
const refStructInList :List(Types.Small) = [.structConst, (name = "literal"), Scope.small];
const refListOfLists :List(List(Text)) = [.textListConst, .refList, []];
const refInNested :Types.Nested = (name = .textConst, small = .structConst, children = [.nestedConst]);

struct Scope {
  const inner :UInt32 = 7;
  const small :Types.Small = (count = 2);
  const fromOuter :Int32 = .Scope.inner;
  const fromSibling :UInt32 = Scope.inner;
  struct Deeper {
    const deepest :Text = "deep";
    const up :Text = .refText;
  }
  value @0 :UInt32 = Scope.inner;
  text @1 :Text = .Scope.Deeper.deepest;
  list @2 :List(Types.Small) = [.Scope.small, .structConst];
  imported @3 :Int32 = import "lib/common.capnp".answer;
  viaAlias @4 :Common.Point = Common.unit;
}

struct DefaultsFromConsts {
  # Field defaults written as constant references.
  a @0 :Int8 = .int8Const;
  b @1 :Float32 = .float32Const;
  c @2 :Text = .textConst;
  d @3 :Data = .dataConst;
  e @4 :List(Types.Color) = .enumListConst;
  f @5 :Types.Small = .structConst;
  g @6 :List(Text) = .textListConst;
  h @7 :List(Types.Small) = .structListConst;
  i @8 :Common.Point = Common.origin;
  j @9 :Bool = .boolConst;
  k @10 :UInt64 = .uInt64Const;
}
