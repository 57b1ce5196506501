# An integer literal for Text and Data fields.
@0xb53b4ab91150f98d;

struct S {
  name @0 :Text = 12;
  bytes @1 :Data = 34;
}
