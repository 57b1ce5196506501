# A nested declaration with the same name as a field.
@0xb3580e6684d9b608;

struct Container {
  item @0 :Int32;
  struct item {}
}
