# Bad annotation target lists.
@0xb325366ff358aefd;

annotation a(struct, *) :Void;
annotation b(structure) :Void;
