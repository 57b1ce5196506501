@0xccd0890aa4926a9b; ﻿ # comment
struct Foo﻿ {}﻿
struct Bar { a @0 :Text; } ﻿ x