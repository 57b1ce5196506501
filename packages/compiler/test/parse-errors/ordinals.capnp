@0xccd0890aa4926a9b;
# An ordinal over 65535 is reported each time the parser reads it: a struct member is tried as a
# union before it is tried as a field, so there it is reported twice.

struct Foo {
  a @0 :Text;
  b @70000 :Text = ;
}
enum Color {
  red @0;
  green @65536 :Text;
}
interface Iface {
  m @0 () -> ();
  n @100000 () -> () $;
}
struct Bar {
  a @0 :Int32;
  m @123456 () -> ();
  u @99999! :union $ {
    x @1 :Int32;
    y @2 :Int32;
  }
}
