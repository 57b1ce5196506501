# capnp-kit copy of the persistent-capability schema (declarations as in capnp 0.9.2).
@0xb8630836983feed7;
# Interfaces for capabilities that can be saved and later restored.

$import "/capnp/c++.capnp".namespace("capnp");

interface Persistent@0xc8cb212fcd9f5691(SturdyRef, Owner) {
  # A capability that can be turned into a storable token (a SturdyRef) and restored from it.
  # `SturdyRef` is the token type and `Owner` identifies who may restore it; both are chosen by
  # the network in use.

  save @0 SaveParams -> SaveResults;
  # Produces a token for this capability, sealed so that only `sealFor` can restore it.

  struct SaveParams {
    sealFor @0 :Owner;
    # Party allowed to restore the resulting token.
  }

  struct SaveResults {
    sturdyRef @0 :SturdyRef;
  }
}

annotation persistent(interface, field) :Void;
# Marks an interface (or a capability field) as persistent without making it extend Persistent.
