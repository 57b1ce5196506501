# Two top-level structs with one name (their derived ids collide as well).
@0xbdb18ccf8e31899b;

struct Point {
  x @0 :Int32;
}

struct Point {
  y @0 :Int32;
}
