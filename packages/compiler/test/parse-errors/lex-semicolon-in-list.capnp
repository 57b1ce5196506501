@0xccd0890aa4926a9b;
const n :List(Int32) = [1; 2];
