@0xccd0890aa4926a9b;

annotation a(*, struct) :Void;
annotation b(foo, Struct, struct, struct, fileX, field) :Void;
annotation c(*, *) :Void;
annotation d(*) :Void;
annotation e(file, const, enum, enumerant, struct, field, union, group, interface, method, param, annotation) :Void;
annotation f(abcdefghijklmnopqrstuvwxyzabcdefgh) :Void;
annotation g(_file) :Void;
