# A valid helper imported (and embedded) by error cases.
@0xeebdbf82577d1bda;

const k :Int32 = 1;
