@0xc5e5a35202a896fb;
# Interfaces: inheritance, every parameter/result form, streaming and nested declarations.

using Common = import "lib/common.capnp";
using Persistent = import "/capnp/persistent.capnp".Persistent;
using Box = import "generics.capnp".Box;

interface Base {
  id @0 () -> (id :UInt64);
}

interface Left extends(Base) {
  left @0 (n :Int32) -> (n :Int32);
}

interface Right extends(Base) {
  right @0 (s :Text) -> (s :Text);
}

interface Diamond extends(Left, Right) {
  # Two superclasses that share a base.
  both @0 () -> (l :Left, r :Right);
}

interface Everything extends(Diamond, Common.Sink, Persistent(Text, Data)) {
  # Three superclasses from three different files, one of them a branded generic.
  noop @0 ();
  emptyResults @1 () -> ();
  onlyResults @2 () -> (a :Int32, b :Text);
  onlyParams @3 (a :Int32, b :Text);
  stream @4 (chunk :Data) -> stream;
  named @5 Request -> Response;
  namedImported @6 Common.Point -> Common.Version;
  namedGeneric @7 Box(Text) -> Box(Data);
  mixedNamedParams @8 Request -> (ok :Bool);
  mixedNamedResults @9 (ok :Bool) -> Response;
  lists @10 (ints :List(Int32), texts :List(Text), nested :List(List(Request)))
        -> (caps :List(Base), points :List(Common.Point));
  defaults @11 (
    flag :Bool = true,
    count :UInt16 = 0xffff,
    ratio :Float64 = -inf,
    name :Text = "anonymous",
    blob :Data = 0x"cafe",
    ints :List(Int32) = [1, 2, 3],
    request :Request = (id = 9, tags = ["a"]),
    level :Common.Level = high,
    none :Void = void
  ) -> (echo :Request = (id = 10));
  nulls @12 (
    text :Text = null,
    data :Data = null,
    list :List(Text) = null,
    struct :Request = null,
    cap :Base = null,
    any :AnyPointer = null,
    anyStruct :AnyStruct = null,
    capability :Capability = null
  ) -> (text :Text = null);
  capabilities @13 (base :Base, any :Capability, sink :Common.Sink) -> (self :Everything);
  outOfOrder @15 () -> ();
  reordered @14 ();
  keywords @16 (struct :Text, union :Text, enum :Text, interface :Text, const :Text)
           -> (import :Text, using :Text, group :Text, extends :Text);

  struct Request {
    id @0 :UInt64;
    tags @1 :List(Text);
    union {
      plain @2 :Void;
      urgent @3 :UInt8;
    }
  }

  struct Response {
    ok @0 :Bool = true;
    message @1 :Text;
  }

  enum Mode {
    quiet @0;
    loud @1;
  }

  interface Callback {
    call @0 (mode :Mode) -> stream;
    finish @1 ();
  }

  const defaultMode :Mode = loud;
  annotation secret(method, param) :Void;
  using Alias = Request;
}

interface Empty {}

interface OnlyNested {
  struct Holder {
    cap @0 :OnlyNested;
    empty @1 :Empty;
  }
}

struct CapHolder {
  # Fields of interface type, lists of them and interfaces from other files.
  base @0 :Base;
  diamond @1 :Diamond;
  everything @2 :Everything;
  callbacks @3 :List(Everything.Callback);
  persistent @4 :Persistent(Text, Common.Point);
  sink @5 :Common.Sink;
  union {
    left @6 :Left;
    right @7 :Right;
  }
}
