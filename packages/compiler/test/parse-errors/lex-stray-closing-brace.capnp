@0xccd0890aa4926a9b;
struct Foo {}
}
