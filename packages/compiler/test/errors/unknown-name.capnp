# A type name that is not declared anywhere.
@0x9d91791c6d73902f;

struct Person {
  name @0 :Text;
  address @1 :Adress;
}
