# `0o17` is not an octal literal (write `017`).
@0x944057230ed99525;

const a :Int32 = 0o17;
