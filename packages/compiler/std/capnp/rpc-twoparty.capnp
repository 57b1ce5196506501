# capnp-kit copy of the two-party RPC network schema (declarations as in capnp 0.9.2).
@0xa184c7885cdaf2a1;
# Parameter types for an RPC network with exactly two peers, a client and a server.

using Cxx = import "/capnp/c++.capnp";
$Cxx.namespace("capnp::rpc::twoparty");

enum Side {
  # Which end of the connection a vat is.
  server @0;
  # The peer that accepted the connection.
  client @1;
  # The peer that initiated the connection.
}

struct VatId {
  # Identifies a vat by its side only: with two parties that is enough.
  side @0 :Side;
}

struct ProvisionId {
  # Names a capability offered for a join.
  joinId @0 :UInt32;
}

struct RecipientId {}
# Not used: a two-party network has no third parties.

struct ThirdPartyCapId {}
# Not used: a two-party network has no third parties.

struct JoinKeyPart {
  # One part of a join key.
  joinId @0 :UInt32;
  # Id chosen by the joiner, equal in every part.
  partCount @1 :UInt16;
  # How many parts the key has.
  partNum @2 :UInt16;
  # Index of this part, 0-based.
}

struct JoinResult {
  # Answer to one part of a join.
  joinId @0 :UInt32;
  succeeded @1 :Bool;
  # False if the parts did not agree.
  cap @2 :AnyPointer;
  # The joined capability (set on one answer only).
}
