# There is no `\u` escape in string literals.
@0xd23e9698bd60075f;

const a :Text = "\u0041";
