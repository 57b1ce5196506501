@0x934efea7f017fff0;
# The quickstart example schema (same declarations as examples/quickstart/addressbook.capnp).

const qux :UInt32 = 123;

struct Person {
  id @0 :UInt32;
  name @1 :Text;
  email @2 :Text;
  phones @3 :List(PhoneNumber);

  struct PhoneNumber {
    number @0 :Text;
    type @1 :Type;

    enum Type {
      mobile @0;
      home @1;
      work @2;
    }
  }

  employment :union {
    unemployed @4 :Void;
    employer @5 :Text;
    school @6 :Text;
    selfEmployed @7 :Void;
    # Exactly one of these applies at a time.
  }
}

struct AddressBook {
  people @0 :List(Person);
}
