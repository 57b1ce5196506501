# Two constants referring to each other, used by a field default.
@0xba7ded7ebd6974af;

const ping :Text = .pong;
const pong :Text = .ping;

struct S {
  value @0 :Text = .ping;
}
