# Method parameter/result types that are not structs, null defaults for non-pointers, stream before ->.
@0xd813cf35d7a27397;

interface I {
  a @0 Int32 -> ();
  b @1 () -> Text;
  c @2 (x :Int32 = null) -> ();
  d @3 stream -> ();
}
