@0xccd0890aa4926a9b;

const a :Int32 = -;
const b :Int32 = - -1;
const c :Int32 = .;
const d :Int32 = .1;
const f :Text = embed 1;
const g :Float64 = 1.;
const h :Int32 = a..b;
const i :Int32 = (1)(2)x;
const j :Int32 = [1] [2];
const k :Int32 = 0x"00" 0x"01";
const l :Text = import "a" "b";
const m :Int32 = -inf x;
