@0x85150b117366d14b;
# The RPC calculator sample: declarations as in capnp's c++/samples/calculator.capnp (0.9.2).

interface Calculator {
  # Evaluates arithmetic expressions; values and functions stay on the server as capabilities.

  evaluate @0 (expression :Expression) -> (value :Value);
  # Starts evaluating `expression`; the result can be read from (or pipelined into) `value`.

  struct Expression {
    # An arithmetic expression tree.

    union {
      literal @0 :Float64;
      # A number.

      previousResult @1 :Value;
      # The result of an earlier evaluation.

      parameter @2 :UInt32;
      # A parameter of the function being defined (only inside defFunction bodies).

      call :group {
        # Applies a function to arguments.
        function @3 :Function;
        params @4 :List(Expression);
      }
    }
  }

  interface Value {
    # A computed number held by the server.

    read @0 () -> (value :Float64);
  }

  defFunction @1 (paramCount :Int32, body :Expression)
              -> (func :Function);
  # Defines a function of `paramCount` parameters from an expression.

  interface Function {
    # A function of numbers to a number.

    call @0 (params :List(Float64)) -> (value :Float64);
  }

  getOperator @2 (op :Operator) -> (func :Function);
  # Returns one of the built-in arithmetic operators.

  enum Operator {
    add @0;
    subtract @1;
    multiply @2;
    divide @3;
  }
}
