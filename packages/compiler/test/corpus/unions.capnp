@0xc010d9c2acde1688;
# Groups and unions in every arrangement the layout algorithm distinguishes.

$import "/capnp/c++.capnp".namespace("corpus::unions");

struct Layout {
  # Mixed sizes so that later fields fill holes left by earlier ones.
  a @0 :Bool;
  b @1 :UInt8;
  c @2 :UInt16;
  d @3 :Bool;
  e @4 :UInt64;
  f @5 :Text;
  g @6 :Int32;
  u :union {
    u1 @7 :UInt32;
    u2 @8 :Void;
    u3 @9 :Data;
    u4 @10 :Int8;
  }
  grp :group {
    h @11 :Float32;
    i @12 :Bool;
  }
  union {
    v1 @13 :Int16;
    v2 @14 :Text;
  }
}

struct UnnamedUnion {
  # Fields before, inside and after an unnamed union; ordinals interleave.
  before @0 :Text;
  union {
    foo @1 :UInt16;
    bar @3 :UInt32;
  }
  middle @2 :UInt16;
  after @4 :Text;
}

struct VoidUnion {
  union {
    alpha @0 :Void;
    beta @1 :Void;
    gamma @2 :Void;
  }
}

struct Retroactive {
  # Named unions with `@n!`: the union itself takes an ordinal, lower than its members'.
  first @0 :Int32;
  shape @1! :union {
    circle @2 :Float64;
    square @3 :Float64;
    none @4 :Void;
  }
  flags @5! :union {
    small @6 :UInt8;
    big @7 :UInt64;
  }
  last @8 :Text;
}

struct RetroactiveLate {
  # `@n!` above one member ordinal (allowed): the first member gets its slot before the tag does.
  kind @1! :union {
    early @0 :Bool;
    late @2 :Int64;
  }
  other @3 :Int16;
}

struct OutOfOrder {
  # Ordinals in reverse and shuffled order across groups and unions.
  z @9 :UInt8;
  y @8 :Bool;
  g :group {
    x @7 :Int64;
    w @0 :Int16;
  }
  union {
    v @6 :Float32;
    t @1 :Text;
    s :group {
      r @5 :Bool;
      q @2 :UInt32;
    }
  }
  p @4 :Data;
  o @3 :Int8;
}

struct Groups {
  # An unnamed union whose members are groups, ordered by first ordinal rather than by position.
  groups :union {
    foo :group {
      corge @0 :Int32;
      grault @2 :Int64;
      garply @8 :Text;
    }
    bar :group {
      corge @3 :Int32;
      grault @4 :Text;
      garply @5 :Int64;
    }
    baz :group {
      corge @1 :Int32;
      grault @6 :Text;
      garply @7 :Text;
    }
  }
}

struct Interleaved {
  # Two unions whose member groups interleave their ordinals.
  group1 :group {
    foo @0 :UInt32;
    bar @2 :UInt64;
    union {
      qux @4 :UInt16;
      corge :group {
        grault @6 :UInt64;
        garply @8 :UInt16;
        plugh @14 :Text;
        xyzzy @16 :Text;
      }
      fred @12 :Text;
    }
    waldo @10 :Text;
  }
  group2 :group {
    foo @1 :UInt32;
    bar @3 :UInt64;
    union {
      qux @5 :UInt16;
      corge :group {
        grault @7 :UInt64;
        garply @9 :UInt16;
        plugh @15 :Text;
        xyzzy @17 :Text;
      }
      fred @13 :Text;
    }
    waldo @11 :Text;
  }
}

struct UnionInUnion {
  # A named union as a member of another union.
  outer :union {
    inner :union {
      foo @0 :Int32;
      bar @1 :Int32;
    }
    baz @2 :Int32;
  }
}

struct UnionInGroup {
  # A group holding both an unnamed and a named union.
  settings :group {
    enabled @0 :Bool;
    union {
      byName @1 :Text;
      byId @2 :UInt64;
    }
    mode :union {
      fast @3 :Void;
      slow @4 :UInt16;
    }
  }
  tail @5 :Int8;
}

struct GroupInUnionInGroup {
  # group > union > group > union.
  a :group {
    union {
      b :group {
        c @0 :UInt32;
        d :union {
          e @1 :Text;
          f @2 :Void;
        }
      }
      g @3 :Float64;
    }
  }
}

struct DeepGroups {
  # Groups nested three deep, with a single-member group at the bottom.
  l1 :group {
    l1a @0 :Int8;
    l2 :group {
      l2a @1 :Int16;
      l3 :group {
        l3a @2 :Int32;
      }
    }
  }
  other @3 :Int64;
}

struct LateUnion {
  # A union declared after plain fields but with lower ordinals mixed in.
  foo @0 :Int32;
  bar @1 :Text;
  baz @2 :Int16;
  theUnion @3! :union {
    qux @4 :Text;
    corge @5 :List(Int32);
    grault @6 :Float32;
  }
  anotherUnion @7! :union {
    qux @8 :Text;
    corge @9 :List(Int32);
    grault @10 :Float32;
  }
}

struct PointerUnion {
  # Union members of every pointer kind share one pointer slot.
  union {
    text @0 :Text;
    data @1 :Data;
    list @2 :List(Int64);
    struct @3 :PointerUnion;
    any @4 :AnyPointer;
    cap @5 :Capability;
  }
  extra @6 :Text;
}

struct ManyMembers {
  # A union with many members of different sizes.
  union {
    m0 @0 :Void;
    m1 @1 :Bool;
    m2 @2 :Int8;
    m3 @3 :Int16;
    m4 @4 :Int32;
    m5 @5 :Int64;
    m6 @6 :UInt8;
    m7 @7 :UInt16;
    m8 @8 :UInt32;
    m9 @9 :UInt64;
    m10 @10 :Float32;
    m11 @11 :Float64;
    m12 @12 :Text;
    m13 @13 :Data;
    m14 @14 :List(Bool);
    m15 @15 :ManyMembers;
  }
}

struct BoolHoles {
  # Bools placed in holes left by a union inside the data section.
  a @0 :Bool;
  u :union {
    x @1 :Bool;
    y @2 :UInt8;
    z @3 :UInt16;
  }
  b @4 :Bool;
  c @5 :UInt8;
  d @6 :Bool;
}
