# Out-of-range integers inside a list, a struct literal and a constant.
@0x808af3f200471a55;

struct Small {
  v @0 :UInt8;
}

const bytes :List(UInt8) = [1, 2, 300];
const small :Small = (v = 256);
const narrow :Int8 = .wide;
const wide :Int32 = 1000;
