# Floats need a digit before the point.
@0xe99156d142d6bcf6;

const a :Float64 = .5;
