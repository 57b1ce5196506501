# Two fields, enumerants and methods sharing an ordinal.
@0xa8dc5629a3a82f01;

struct Pair {
  first @0 :Int32;
  second @0 :Int32;
  third @1 :Int32;
}

enum Direction {
  up @0;
  down @0;
  left @1;
}

interface Api {
  get @0 ();
  put @0 ();
  del @1 ();
}
