# No space between `:` and an absolute name: `:.` lexes as one operator.
@0xe49e3a3c6f023699;

struct A {}

struct S {
  a @0 :.A;
}
