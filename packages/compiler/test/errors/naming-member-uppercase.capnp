# Non-type names must start with a lower-case letter.
@0x89bd34267404ee78;

struct S {
  Value @0 :Int32;
  Group :group {
    x @1 :Int32;
  }
}

enum E {
  Red @0;
}

interface I {
  Call @0 ();
}

const Limit :Int32 = 1;
annotation Tag(*) :Void;
