# AnyPointer-like types have no literal values: no defaults, no constants.
@0xb75c67255159b032;

interface Service {}

struct S {
  any @0 :AnyPointer = 5;
  anyStruct @1 :AnyStruct = ();
  anyList @2 :AnyList = [];
  cap @3 :Capability = null;
}

const k :AnyPointer = "text";
const service :Service = null;
