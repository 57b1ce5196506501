# No `@0x...;` line: the reference prints a freshly generated random id (masked as @0x<random>).

struct NoId {
  value @0 :Int32;
}
