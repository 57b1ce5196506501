# extends(...) naming things that are not interfaces, and a struct trying to extend.
@0x99264ec22a51b9fb;

struct Data2 {}

interface A extends(Data2) {}

interface B extends(Int32) {}
