# Binary literals do not concatenate the way strings do.
@0x8e09cfc291383cce;

const a :Data = 0x"00" 0x"01";
