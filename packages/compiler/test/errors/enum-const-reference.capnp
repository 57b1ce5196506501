# capnp 0.9.2 rejects every reference to an enum-typed constant with "Type mismatch".
@0xb33f948cdd3657c4;

enum Level {
  low @0;
  high @1;
}

const defaultLevel :Level = high;
const copy :Level = .defaultLevel;

struct S {
  level @0 :Level = .defaultLevel;
  levels @1 :List(Level) = [.defaultLevel];
}
