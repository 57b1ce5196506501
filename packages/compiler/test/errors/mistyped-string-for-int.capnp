# A string literal for an integer field.
@0xe4d4b1596dea8f3e;

struct S {
  count @0 :Int32 = "12";
}
