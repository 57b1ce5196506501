@0x876bece9fe373eea;
# Valid input that capnp 0.9.2 accepts with surprising results; a compatible compiler must match.

struct Quirks {
  wrappedUInt64 @0 :UInt64 = 18446744073709551617;
  # Integer literals are read modulo 2^64: this is 1.
  wrappedInt32 @1 :Int32 = 18446744073709551617;
  # Wrapped first, range-checked after: also 1.
  wrappedHex @2 :UInt64 = 0x10000000000000002;
  # 2.
  hugeFloat @3 :Float64 = 1e400;
  # Overflows to inf.
  tinyFloat @4 :Float64 = 1e-400;
  # Underflows to 0.
  tinyFloat32 @5 :Float32 = 1e-50;
  # Rounds to 0 as a Float32.
  octalByte @6 :Text = "\400";
  # Octal escape above 0377: truncated to one byte, here NUL.
  spacedMinus @7 :Int16 = - 5;
  # The minus sign is a separate token.
  parenthesized @8 :Int32 = (5);
  # A one-element tuple is its value.
  floatFromIntConst @9 :Float32 = .intConst;
  # A constant of integer type used as a float.
  narrowedConst @10 :Int8 = .wideConst;
  # Constants convert between integer types when the value fits.
  float32FromFloat64 @11 :Float32 = .preciseConst;
  # Rounded to Float32.
  textAsData @12 :Data = "caf\xc3\xa9";
  # A string literal for Data gives its bytes without a NUL terminator.
}

const intConst :Int64 = -3;
const wideConst :UInt32 = 100;
const preciseConst :Float64 = 0.1;

interface SelfParent extends(SelfParent) {
  # capnp 0.9.2 does not reject inheritance cycles: this interface lists itself as superclass.
  m @0 ();
}

interface CycleA extends(CycleB) {}
# A two-interface inheritance cycle, also accepted.

interface CycleB extends(CycleA) {}

struct TwoMembers {
  union {
    number @0 :Int32;
    text @1 :Text;
  }
  tail @2 :Int8;
}

const lastMemberWins :TwoMembers = (number = 7, text = "second");
# Setting two members of one union is accepted: the last one wins, but the first one's value
# (7) stays in the data section underneath.

const otherOrder :TwoMembers = (text = "first", number = 7);
# Here `number` wins; the text pointer written first remains set in the pointer section.
