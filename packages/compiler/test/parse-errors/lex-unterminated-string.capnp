@0xccd0890aa4926a9b;
const greeting :Text = "hello
  world";
