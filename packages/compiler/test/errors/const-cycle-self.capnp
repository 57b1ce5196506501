# A constant whose value refers to itself.
@0x91e4a45abd540b34;

const loop :Int32 = .loop;
