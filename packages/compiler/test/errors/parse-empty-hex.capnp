# An empty binary literal `0x""` is a lexer error (the whole file stops there).
@0xd8fc75a36cf80d6f;

const a :Data = 0x"";
const b :Int32 = "also wrong, but never reached";
