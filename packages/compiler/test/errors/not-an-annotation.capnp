# A struct applied as if it were an annotation.
@0x9ab2df6c2b416702;

struct Marker {}

struct Thing $Marker {
  field @0 :Int32;
}
