# `-nan` is not accepted (only `-inf`).
@0xa774630645faddd8;

const a :Float64 = -nan;
