# A default value for a field whose type is an unbound generic parameter.
@0xb60ecb8912772c8c;

struct Box(T) {
  value @0 :T = "text";
}
