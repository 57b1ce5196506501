# Type names must start with an upper-case letter.
@0xec43bcedc52882da;

struct point {
  x @0 :Int32;
}

enum color {
  red @0;
}

interface service {}
