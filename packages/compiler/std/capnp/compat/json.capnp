# capnp-kit copy of the JSON support schema (declarations as in capnp 0.9.2).
@0x8ef99297a43a5e34;
# A JSON value model and annotations that tune the JSON encoding of Cap'n Proto types.

$import "/capnp/c++.capnp".namespace("capnp::json");

struct Value {
  # Any JSON value.
  union {
    null @0 :Void;
    boolean @1 :Bool;
    number @2 :Float64;
    string @3 :Text;
    array @4 :List(Value);
    object @5 :List(Field);
    call @6 :Call;
    # Not standard JSON: a function-call form, `name(args...)`.
  }

  struct Field {
    name @0 :Text;
    value @1 :Value;
  }

  struct Call {
    function @0 :Text;
    params @1 :List(Value);
  }
}

annotation name @0xfa5b1fd61c2e7c3d (field, enumerant, method, group, union) :Text;
# JSON name to use instead of the schema name.

annotation flatten @0x82d3e852af0336bf (field, group, union) :FlattenOptions;
# Encodes the members of the annotated struct field or group directly in the parent object.

struct FlattenOptions {
  prefix @0 :Text = "";
  # Added before each flattened member name.
}

annotation discriminator @0xcfa794e8d19a0162 (struct, union) :DiscriminatorOptions;
# Encodes the union tag as a separate JSON property.

struct DiscriminatorOptions {
  name @0 :Text;
  # Name of the tag property.

  valueName @1 :Text;
  # If set, the member value goes under this property name.
}

annotation base64 @0xd7d879450a253e4b (field) :Void;
# Encode a Data field as base64.

annotation hex @0xf061e22f0ae5c7b5 (field) :Void;
# Encode a Data field as hex.

annotation notification @0xa0a054dea32fd98c (method) :Void;
# For JSON-RPC: the method has no response.
