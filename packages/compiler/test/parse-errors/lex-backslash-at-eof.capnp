@0xccd0890aa4926a9b;
const s :Text = "abc\