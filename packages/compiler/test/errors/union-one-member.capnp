# Unions need two members; groups need one.
@0xcc692f56544c7d76;

struct S {
  single :union {
    only @0 :Int32;
  }
  union {
    alone @1 :Text;
  }
  empty :group {}
}
