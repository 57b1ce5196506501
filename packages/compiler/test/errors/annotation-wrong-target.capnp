# Annotations applied to declarations their targets do not include.
@0xf9698ab40e881210;

annotation onField(field) :Text;
annotation onStruct(struct) :Void;
annotation onMethod(method) :Void;

struct S $onField("no") {
  a @0 :Int32 $onStruct;
  g :group $onStruct {
    b @1 :Int32;
  }
}

enum E $onMethod {
  x @0 $onField("no");
}

interface I {
  m @0 (p :Int32 $onMethod) -> () $onField("no");
}

const k :Int32 = 1 $onStruct;

$onField("file");
