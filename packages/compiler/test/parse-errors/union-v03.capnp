@0xccd0890aa4926a9b;

struct Foo {
  old @0 union {
    a @1 :Int32;
    b @2 :Int32;
  }
  noBang @3 :union {
    c @4 :Int32;
    d @5 :Int32;
  }
  noColon @6! union {
    e @7 :Int32;
    f @8 :Int32;
  }
  fine @9! :union {
    g @10 :Int32;
    h @11 :Int32;
  }
}
