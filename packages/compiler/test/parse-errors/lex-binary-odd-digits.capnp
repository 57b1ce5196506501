@0xccd0890aa4926a9b;
const d :Data = 0x"abc";
