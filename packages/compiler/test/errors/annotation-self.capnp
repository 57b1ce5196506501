# An annotation that annotates itself.
@0xb4c03d01971127d1;

annotation marker(annotation) :Text $marker("me");
