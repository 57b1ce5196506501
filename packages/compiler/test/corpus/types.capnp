@0xadb3160e565366c7;
# Every field type, and default values written in every literal form the language has.

using Cxx = import "/capnp/c++.capnp";
using Common = import "lib/common.capnp";

$Cxx.namespace("corpus::types");

enum Color {
  red @0;
  green @1;
  blue @2;
}

enum Scrambled {
  # Enumerants declared out of ordinal order.
  third @2;
  first @0;
  fourth @3;
  second @1;
}

enum Single {
  only @0;
}

struct Empty {}

interface Service {
  ping @0 ();
}

struct Small {
  flag @0 :Bool;
  count @1 :UInt8 = 3;
  name @2 :Text;
}

struct AllTypes {
  # One field of each kind, with the reference's implicit defaults.
  voidField @0 :Void;
  boolField @1 :Bool;
  int8Field @2 :Int8;
  int16Field @3 :Int16;
  int32Field @4 :Int32;
  int64Field @5 :Int64;
  uInt8Field @6 :UInt8;
  uInt16Field @7 :UInt16;
  uInt32Field @8 :UInt32;
  uInt64Field @9 :UInt64;
  float32Field @10 :Float32;
  float64Field @11 :Float64;
  textField @12 :Text;
  dataField @13 :Data;
  structField @14 :Small;
  enumField @15 :Color;
  interfaceField @16 :Service;
  emptyField @17 :Empty;
  importedStruct @18 :Common.Point;
  importedEnum @19 :Common.Level;
  importedInterface @20 :Common.Sink;

  voidList @21 :List(Void);
  boolList @22 :List(Bool);
  int8List @23 :List(Int8);
  int16List @24 :List(Int16);
  int32List @25 :List(Int32);
  int64List @26 :List(Int64);
  uInt8List @27 :List(UInt8);
  uInt16List @28 :List(UInt16);
  uInt32List @29 :List(UInt32);
  uInt64List @30 :List(UInt64);
  float32List @31 :List(Float32);
  float64List @32 :List(Float64);
  textList @33 :List(Text);
  dataList @34 :List(Data);
  structList @35 :List(Small);
  enumList @36 :List(Color);
  interfaceList @37 :List(Service);
  emptyList @38 :List(Empty);
  int32ListList @39 :List(List(Int32));
  textListList @40 :List(List(Text));
  structListListList @41 :List(List(List(Small)));
  enumListList @42 :List(List(Color));

  anyPointerField @43 :AnyPointer;
  anyStructField @44 :AnyStruct;
  anyListField @45 :AnyList;
  capabilityField @46 :Capability;
  anyListList @47 :List(AnyList);
  capabilityList @48 :List(Capability);
  selfField @49 :AllTypes;
  selfList @50 :List(AllTypes);
}

struct IntDefaults {
  # Integer literals: decimal, hex, octal, negative, and the limits of every integer type.
  int8Min @0 :Int8 = -128;
  int8Max @1 :Int8 = 127;
  int16Min @2 :Int16 = -32768;
  int16Max @3 :Int16 = 32767;
  int32Min @4 :Int32 = -2147483648;
  int32Max @5 :Int32 = 2147483647;
  int64Min @6 :Int64 = -9223372036854775808;
  int64Max @7 :Int64 = 9223372036854775807;
  uInt8Min @8 :UInt8 = 0;
  uInt8Max @9 :UInt8 = 255;
  uInt16Min @10 :UInt16 = 0;
  uInt16Max @11 :UInt16 = 65535;
  uInt32Min @12 :UInt32 = 0;
  uInt32Max @13 :UInt32 = 4294967295;
  uInt64Min @14 :UInt64 = 0;
  uInt64Max @15 :UInt64 = 18446744073709551615;
  hex @16 :Int32 = 0x1234abcd;
  hexUpper @17 :UInt16 = 0xBEEF;
  hexMax64 @18 :UInt64 = 0xffffffffffffffff;
  negativeHex @19 :Int8 = -0x80;
  octal @20 :Int32 = 017;
  octalZero @21 :UInt8 = 00;
  negativeOctal @22 :Int16 = -0777;
  negativeZero @23 :Int32 = -0;
  int64MinHex @24 :Int64 = -0x8000000000000000;
  plain @25 :UInt32 = 123456789;
  negative @26 :Int64 = -123456789012345;
  boolTrue @27 :Bool = true;
  boolFalse @28 :Bool = false;
  voidDefault @29 :Void = void;
}

struct FloatDefaults {
  # Float literals, special values and integer literals for float fields.
  f32Plain @0 :Float32 = 1234.5;
  f32Negative @1 :Float32 = -0.25;
  f32Inf @2 :Float32 = inf;
  f32NegInf @3 :Float32 = -inf;
  f32Nan @4 :Float32 = nan;
  f32NegZero @5 :Float32 = -0.0;
  f32Int @6 :Float32 = 3;
  f32NegInt @7 :Float32 = -7;
  f32Exp @8 :Float32 = 1e10;
  f32ExpNeg @9 :Float32 = 1.5e-3;
  f32Max @10 :Float32 = 3.4028234663852886e38;
  f32Tiny @11 :Float32 = 1.401298464324817e-45;
  f32Overflow @12 :Float32 = 1e39;
  f32Rounded @13 :Float32 = 0.1;
  f32BigInt @14 :Float32 = 123456789;
  f64Plain @15 :Float64 = -1.23e47;
  f64Inf @16 :Float64 = inf;
  f64NegInf @17 :Float64 = -inf;
  f64Nan @18 :Float64 = nan;
  f64NegZero @19 :Float64 = -0.0;
  f64Zero @20 :Float64 = 0.0;
  f64Int @21 :Float64 = 42;
  f64HexInt @22 :Float64 = 0x10;
  f64UpperExp @23 :Float64 = 2E+5;
  f64PlusExp @24 :Float64 = 6.02e+23;
  f64TrailingDot @25 :Float64 = 1.;
  f64Min @26 :Float64 = 4.9406564584124654e-324;
  f64Max @27 :Float64 = 1.7976931348623157e308;
  f64Pi @28 :Float64 = 3.14159265358979323846;
  f64BigInt @29 :Float64 = 18446744073709551615;
  f64NegBigInt @30 :Float64 = -9223372036854775808;
  f64ExpNoFraction @31 :Float64 = 5e-1;
}

struct BlobDefaults {
  # Text and Data literals: escapes, concatenation, hex bytes, empty values.
  plain @0 :Text = "foo";
  empty @1 :Text = "";
  escapes @2 :Text = "\a\b\f\n\r\t\v\'\"\\\?";
  hexEscapes @3 :Text = "\x41\x7a\x00\xff";
  octalEscapes @4 :Text = "\1\12\101\0\177";
  utf8 @5 :Text = "h\xc3\xa9llo w\xc3\xb6rld \xe2\x82\xac";
  concatenated @6 :Text = "con" "cat" "enated";
  concatenatedEscapes @7 :Text = "line 1\n" "line 2\n";
  rawUtf8 @8 :Text = "grüße, 日本";
  hashInside @9 :Text = "# not a comment";
  dataHex @10 :Data = 0x"de ad be ef";
  dataHexCompact @11 :Data = 0x"0001020304ff";
  dataHexSingle @12 :Data = 0x"7f";
  dataString @13 :Data = "str";
  dataStringEscapes @14 :Data = "\x00\x01\xff\n";
  dataConcatenated @15 :Data = "ab" "cd";
  dataEmpty @16 :Data = "";
  dataSpaced @17 :Data = 0x" 00  11 22	33 AA bb ";
  dataMultiline @18 :Data = 0x"00 11 22 33
                               44 55 66 77";
}

struct ListDefaults {
  # List literals of every element kind.
  voids @0 :List(Void) = [void, void, void];
  bools @1 :List(Bool) = [true, false, true, true, false, false, false, false, true];
  int8s @2 :List(Int8) = [-128, 0, 127];
  int16s @3 :List(Int16) = [-32768, 0x7fff];
  int32s @4 :List(Int32) = [1, -2, 3, 017, 0x10];
  int64s @5 :List(Int64) = [-9223372036854775808, 9223372036854775807];
  uInt8s @6 :List(UInt8) = [0, 255];
  uInt16s @7 :List(UInt16) = [65535];
  uInt32s @8 :List(UInt32) = [4294967295, 0];
  uInt64s @9 :List(UInt64) = [18446744073709551615];
  float32s @10 :List(Float32) = [1.5, -inf, inf, nan, -0.0, 2];
  float64s @11 :List(Float64) = [1e100, -1e-100, nan];
  texts @12 :List(Text) = ["a", "", "\n", "con" "cat"];
  datas @13 :List(Data) = [0x"00", "x", ""];
  enums @14 :List(Color) = [red, blue, green, blue];
  structs @15 :List(Small) = [(flag = true), (count = 9, name = "nine"), ()];
  empties @16 :List(Empty) = [(), ()];
  int32Lists @17 :List(List(Int32)) = [[1, 2], [], [3]];
  textLists @18 :List(List(Text)) = [["x", "y"], ["z"]];
  structLists @19 :List(List(Small)) = [[(count = 1)], [(count = 2), (count = 3)]];
  deep @20 :List(List(List(Int8))) = [[[1], [2, 3]], [], [[]]];
  emptyList @21 :List(Int32) = [];
  trailingComma @22 :List(Int32) = [1, 2, 3, ];
  enumLists @23 :List(List(Color)) = [[red], [green, blue]];
  boolLists @24 :List(List(Bool)) = [[true], [false, true]];
  importedStructs @25 :List(Common.Point) = [(x = 1, y = 2), (label = "third")];
}

struct Nested {
  # A struct with groups and unions, used as the target of struct literals below.
  id @0 :UInt32 = 7;
  name @1 :Text = "default name";
  inner :group {
    a @2 :Int16 = -1;
    b @3 :Text;
    deeper :group {
      c @4 :Float32 = 0.5;
    }
  }
  union {
    none @5 :Void;
    number @6 :Int64;
    text @7 :Text;
    small @8 :Small;
  }
  choice :union {
    left @9 :List(Int32);
    right :group {
      r1 @10 :Bool;
      r2 @11 :Color = green;
    }
  }
  children @12 :List(Nested);
}

struct StructDefaults {
  # Struct literals, including nested groups, unions and lists.
  empty @0 :Small = ();
  partial @1 :Small = (count = 5);
  full @2 :Small = (flag = true, count = 0, name = "full");
  nested @3 :Nested = (
    id = 1,
    inner = (a = 2, b = "bee", deeper = (c = -1.5)),
    text = "in union",
    choice = (right = (r1 = true, r2 = blue)),
    children = [(id = 2, small = (name = "leaf")), (number = -3, choice = (left = [1, 2]))]
  );
  unionVoid @4 :Nested = (none = void);
  imported @5 :Common.Point = (x = 1.5, y = -2.5, label = "imported");
  allTypes @6 :AllTypes = (
    boolField = true,
    int8Field = -123,
    int16Field = -12345,
    int32Field = -12345678,
    int64Field = -123456789012345,
    uInt8Field = 234,
    uInt16Field = 45678,
    uInt32Field = 3456789012,
    uInt64Field = 12345678901234567890,
    float32Field = 1234.5,
    float64Field = -1.23e47,
    textField = "foo",
    dataField = "bar",
    structField = (flag = true, name = "nested"),
    enumField = blue,
    voidList = [void],
    boolList = [false, true],
    int8List = [111, -111],
    textList = ["plugh", "xyzzy", "thud"],
    dataList = [0x"0f", "oops"],
    structList = [(name = "one"), (name = "two")],
    enumList = [green, red],
    int32ListList = [[1], [2, 3]],
    importedStruct = (label = "p"),
    importedEnum = high,
    selfField = (int32Field = 5, textField = "inner"),
    selfList = [(uInt8Field = 1), (uInt8Field = 2, selfField = (int8Field = 3))]
  );
}

struct Mixed {
  # Field declaration order different from ordinal order.
  c @2 :Text = "c";
  a @0 :Int32 = 1;
  d @3 :List(Bool) = [true];
  b @1 :Color = green;
  e @4 :Float64 = 2.5;
}

struct Explicit @0xb8b1b264f3a14621 {
  # Explicit ids; nested declarations derive their ids from the explicit parent id.
  child @0 :Child;
  struct Child {
    value @0 :Int32;
  }
  enum ChildEnum {
    only @0;
  }
}

enum ExplicitEnum @0xc132467b7c116a3e {
  a @0;
  b @1;
}

interface ExplicitInterface @0x805f5e62284e1645 {
  call @0 (e :ExplicitEnum) -> (s :Explicit);
}

const explicitConst @0xe500609324e1afab :Int32 = 1234;

annotation explicitAnnotation @0xd69dcae295f4e810 (struct) :Text;
