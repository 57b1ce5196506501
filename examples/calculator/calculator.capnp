# The calculator of Cap'n Proto's RPC quickstart (the protocol that pycapnp's calculator
# client and server speak). File, interface and method IDs match the upstream sample's, so the
# TypeScript client and server here also talk to the C++ and Python calculator samples.
@0x85150b117366d14b;

interface Calculator {
  # Evaluates arithmetic expressions. Results come back as `Value` capabilities, so a result
  # can feed the next expression (even before it is known: promise pipelining), and operators
  # are `Function` capabilities, which the client may also implement itself and pass in.

  evaluate @0 (expression :Expression) -> (value :Value);
  # The value of `expression`, as a capability; read() it for the number.

  struct Expression {
    # An arithmetic expression tree.
    union {
      literal @0 :Float64;
      # A number.

      previousResult @1 :Value;
      # The result of an earlier evaluate() (possibly still in flight).

      parameter @2 :UInt32;
      # Parameter `n` of the function being defined (see defFunction).

      call :group {
        # `function` applied to `params`.
        function @3 :Function;
        params @4 :List(Expression);
      }
    }
  }

  interface Value {
    # A number held by the server.
    read @0 () -> (value :Float64);
  }

  defFunction @1 (paramCount :Int32, body :Expression) -> (func :Function);
  # A function of `paramCount` parameters computing `body`, on the server.

  interface Function {
    # A function of numbers: from defFunction() or getOperator() on the server, or one the
    # client implements (the server then calls back into the client).
    call @0 (params :List(Float64)) -> (value :Float64);
  }

  getOperator @2 (op :Operator) -> (func :Function);
  # The function of an arithmetic operator.

  enum Operator {
    add @0;
    subtract @1;
    multiply @2;
    divide @3;
  }
}
