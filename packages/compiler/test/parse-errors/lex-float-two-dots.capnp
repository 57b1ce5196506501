@0xccd0890aa4926a9b;
const f :Float64 = 1.5.3;
