@0xccd0890aa4926a9b;  # the file's doc comment
@0xccd0890aa4926a9c; # a second ID
struct A {}
@0xccd0890aa4926a9d;
