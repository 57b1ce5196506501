# An ordinal above 65535 (the reference reports it twice).
@0xd44023e311aa233a;

struct Huge {
  a @0 :Int32;
  b @65536 :Int32;
}
