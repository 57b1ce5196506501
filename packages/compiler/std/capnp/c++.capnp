# capnp-kit copy of the standard C++ annotations schema (declarations as in capnp 0.9.2).
@0xbdf87d7bb8304e81;
# Annotations read by the C++ code generator.

$namespace("capnp::annotations");

annotation namespace(file): Text;
# C++ namespace for everything generated from the annotated file, e.g. "foo::bar".

annotation name(field, enumerant, struct, enum, interface, method, param, group, union): Text;
# Overrides the identifier used in generated C++ code for the annotated declaration.
