@0xccd0890aa4926a9b;
const café :Int32 = 1;
