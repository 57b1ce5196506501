# The same explicit id on two declarations, and a declaration reusing the file id.
@0xef21fb21e7f78d72;

struct A @0xe01b2c3d4e5f6a7b {}

struct B @0xe01b2c3d4e5f6a7b {}

struct C @0xef21fb21e7f78d72 {}
