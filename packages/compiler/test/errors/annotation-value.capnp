# Annotation values: missing, mistyped, and a value given to a Void annotation.
@0xbcb795180d6a4e8f;

annotation needsInt(*) :Int32;
annotation flag(*) :Void;
annotation info(*) :Info;

struct Info {
  name @0 :Text;
}

struct S $needsInt {
  a @0 :Int32 $needsInt("one");
  b @1 :Int32 $flag(5);
  c @2 :Int32 $info(nosuch = 1);
}
