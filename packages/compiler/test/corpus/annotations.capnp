@0x83c56af069743671;
# Annotation declarations for every target and value type, applied to every kind of declaration.

using Cxx = import "/capnp/c++.capnp";
using Types = import "types.capnp";
using Json = import "/capnp/compat/json.capnp";

# One annotation per target.
annotation onFile(file) :Text;
annotation onConst(const) :Text;
annotation onEnum(enum) :Text;
annotation onEnumerant(enumerant) :Text;
annotation onStruct(struct) :Text;
annotation onField(field) :Text;
annotation onUnion(union) :Text;
annotation onGroup(group) :Text;
annotation onInterface(interface) :Text;
annotation onMethod(method) :Text;
annotation onParam(param) :Text;
annotation onAnnotation(annotation) :Text;
annotation anywhere(*) :Text;
annotation several(struct, field, enum, interface) :UInt8;
annotation explicitId @0xe2b4a1c7d9f00123 (struct, field) :Void;

# One annotation per value type (all may go anywhere).
annotation flag(*) :Void;
annotation boolValue(*) :Bool;
annotation int8Value(*) :Int8;
annotation int16Value(*) :Int16;
annotation int32Value(*) :Int32;
annotation int64Value(*) :Int64;
annotation uInt8Value(*) :UInt8;
annotation uInt16Value(*) :UInt16;
annotation uInt32Value(*) :UInt32;
annotation uInt64Value(*) :UInt64;
annotation float32Value(*) :Float32;
annotation float64Value(*) :Float64;
annotation textValue(*) :Text;
annotation dataValue(*) :Data;
annotation enumValue(*) :Types.Color;
annotation listValue(*) :List(Int32);
annotation textListValue(*) :List(Text);
annotation structListValue(*) :List(Meta);
annotation structValue(*) :Meta;
annotation nestedValue(*) :Types.Nested;
annotation described(annotation) :Meta $onAnnotation("annotating an annotation");
annotation annotated(*) :Void $described(name = "annotated") $anywhere("on an annotation");

struct Meta {
  name @0 :Text;
  version @1 :UInt32 = 1;
  tags @2 :List(Text);
  level @3 :Types.Color = red;
}

$onFile("file annotation");
$anywhere("file");
$Cxx.namespace("corpus::annotations");
$flag;

const annotatedConst :Int32 = 5 $onConst("const") $anywhere("const") $int8Value(-1);

enum AnnotatedEnum $onEnum("enum") $several(3) $anywhere("enum") {
  plain @0;
  marked @1 $onEnumerant("enumerant") $anywhere("enumerant") $Cxx.name("markedValue");
  jsonNamed @2 $Json.name("json-named");
}

struct AnnotatedStruct $onStruct("struct") $several(1) $explicitId $anywhere("struct")
    $Json.discriminator(name = "kind") {
  field @0 :Int32 $onField("field") $several(2) $explicitId $Cxx.name("renamedField");
  grp :group $onGroup("group") $Json.flatten(prefix = "g_") {
    inGroup @1 :Text $anywhere("in group");
  }
  named :union $onUnion("union") $Json.name("theUnion") {
    one @2 :Void $flag;
    two @3 :Text $textValue("two");
  }
  union {
    # Unnamed unions take no annotations; their members do.
    left @4 :Bool $boolValue(true);
    right @5 :Data $Json.hex;
  }
  blob @6 :Data $Json.base64;
}

interface AnnotatedInterface $onInterface("interface") $several(4) {
  method @0 (
    arg :Text $onParam("param") $anywhere("param"),
    other :Int32 = 3 $int32Value(-2147483648)
  ) -> (result :Text $onParam("result")) $onMethod("method") $Json.notification;
  plain @1 () $Cxx.name("renamedMethod");
}

struct Values {
  # Every value type, applied to fields.
  void @0 :Void $flag;
  bool @1 :Void $boolValue(false);
  int8 @2 :Void $int8Value(-128);
  int16 @3 :Void $int16Value(32767);
  int32 @4 :Void $int32Value(0x7fffffff);
  int64 @5 :Void $int64Value(-9223372036854775808);
  uInt8 @6 :Void $uInt8Value(255);
  uInt16 @7 :Void $uInt16Value(0);
  uInt32 @8 :Void $uInt32Value(4294967295);
  uInt64 @9 :Void $uInt64Value(0xffffffffffffffff);
  float32 @10 :Void $float32Value(-inf);
  float64 @11 :Void $float64Value(2.5e-10);
  text @12 :Void $textValue("tab\there");
  data @13 :Void $dataValue(0x"00ff");
  dataString @14 :Void $dataValue("as text");
  enum @15 :Void $enumValue(blue);
  list @16 :Void $listValue([1, -1, 0]);
  emptyList @17 :Void $listValue([]);
  textList @18 :Void $textListValue(["x", "y"]);
  structList @19 :Void $structListValue([(name = "a"), (name = "b", version = 2)]);
  struct @20 :Void $structValue(name = "meta", version = 3, tags = ["t1", "t2"], level = green);
  structParens @21 :Void $structValue((name = "parenthesized"));
  structEmpty @22 :Void $structValue();
  nested @23 :Void $nestedValue(id = 4, inner = (deeper = (c = 1)), small = (count = 1));
  floatFromInt @24 :Void $float64Value(7);
  many @25 :Void $annotated $flag $boolValue(true) $textValue("a") $textValue("repeated") $int8Value(1);
  fromConst @26 :Void $int32Value(.annotatedConst) $textValue(import "lib/common.capnp".greeting);
}

const fromTypes :Text = "k" $textValue(.fromTypesNote);
const fromTypesNote :Text = "annotation value from a constant";
