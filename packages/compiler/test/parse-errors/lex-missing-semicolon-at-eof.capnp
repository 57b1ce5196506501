@0xccd0890aa4926a9b;
const n :Int32 = 1