@0xcab4b12d2e0e0beb;
# Small shared declarations that the other corpus files import, both relatively ("lib/common.capnp",
# "common.capnp") and through constant references.

using Cxx = import "/capnp/c++.capnp";
$Cxx.namespace("corpus::common");

enum Level {
  low @0;
  medium @1;
  high @2;
}

struct Point {
  x @0 :Float64;
  y @1 :Float64;
  label @2 :Text = "origin";
}

struct Version {
  major @0 :UInt16 = 1;
  minor @1 :UInt16;
  patch @2 :UInt16;
}

const defaultLevel :Level = medium;
const origin :Point = (x = 0, y = 0);
const answer :Int32 = 42;
const greeting :Text = "hello from lib";
const unit :Point = (x = 1, y = 1, label = "unit");

interface Sink {
  push @0 (value :Text) -> stream;
  done @1 ();
}

struct Unused {
  # Never referenced from outside: must not appear in goldens of importing files.
  nothing @0 :Void;
}
