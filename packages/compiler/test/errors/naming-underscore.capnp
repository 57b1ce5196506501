# Underscores are not allowed in any declared name.
@0xfe69f8f8afaa7a70;

struct My_Struct {
  my_field @0 :Int32;
}

enum E {
  first_value @0;
}

const max_size :UInt32 = 1;
