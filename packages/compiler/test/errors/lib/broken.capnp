# A helper with its own errors, imported by import-broken.capnp.
@0xe2977854e9b748b7;

struct Thing {
  a @0 :NoSuchType;
  b @2 :Int32;
}
