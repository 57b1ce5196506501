# Duplicate names among fields, groups, enumerants and methods.
@0xf8f3111438499f74;

struct Record {
  id @0 :UInt64;
  id @1 :Text;
  meta :group {
    size @2 :UInt32;
  }
  union {
    meta @3 :Void;
    other @4 :Void;
  }
}

enum Color {
  red @0;
  red @1;
}

interface Service {
  call @0 ();
  call @1 ();
}
