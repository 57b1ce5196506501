# An annotation application naming nothing.
@0xd0d60a1a8682b261;

struct Thing $unknownAnnotation {
  field @0 :Int32 $alsoUnknown("x");
}
