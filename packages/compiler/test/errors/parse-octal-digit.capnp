# A leading zero makes an octal literal, so `08` is malformed.
@0xbd7a81244f15f457;

const a :Int32 = 08;
