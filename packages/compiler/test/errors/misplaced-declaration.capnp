# Declarations where the grammar does not allow them.
@0x8df710d4bee2bb68;

struct S {
  m @0 () -> ();
  x @1;
}

enum E {
  a @0;
  field @1 :Int32;
}

interface I {
  f @0 :Int32;
}
