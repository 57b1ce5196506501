# The pre-0.4 name `Object`.
@0x88c9d9b5b8b886eb;

struct Holder {
  value @0 :Object;
}
