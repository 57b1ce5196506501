# A struct constant that contains itself.
@0xf146fd92e4f5ce39;

struct Node {
  next @0 :Node;
  value @1 :Int32;
}

const ring :Node = (value = 1, next = .ring);
