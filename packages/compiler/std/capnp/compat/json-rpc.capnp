@0xd04299800d6725ba;
# capnp-kit copy of the JSON-RPC message schema (declarations as in capnp 0.9.2).

$import "/capnp/c++.capnp".namespace("capnp::json");

using Json = import "json.capnp";

struct RpcMessage {
  # A JSON-RPC 2.0 request, notification or response.

  jsonrpc @0 :Text;
  # Always "2.0".

  id @1 :Json.Value;
  # Absent for notifications.

  method @2 :Text;

  union {
    none @3 :Void $Json.name("!missing params, result, or error");
    params @4 :Json.Value;
    result @5 :Json.Value;
    error @6 :Error;
  }

  struct Error {
    code @0 :Int32;
    message @1 :Text;
    data @2 :Json.Value;
  }
}
