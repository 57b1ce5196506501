// A C++ calculator server for the interop tests (EzRpcServer): the quickstart's calculator,
// offered both as the bootstrap capability and under the legacy name "calculator".
// Usage: calculator-server HOST:PORT   (port 0: any free port; prints "port N" when ready)
#include "calculator.capnp.h"
#include <capnp/ez-rpc.h>
#include <kj/debug.h>
#include <iostream>

namespace {

// Reads a Value capability's number (a call, possibly back into the client).
kj::Promise<double> readValue(Calculator::Value::Client value) {
  return value.readRequest().send().then(
      [](capnp::Response<Calculator::Value::ReadResults>&& r) { return r.getValue(); });
}

// The value of `expr`; `args` are the arguments of the function being evaluated.
kj::Promise<double> evaluate(Calculator::Expression::Reader expr, capnp::List<double>::Reader args) {
  switch (expr.which()) {
    case Calculator::Expression::LITERAL:
      return expr.getLiteral();
    case Calculator::Expression::PREVIOUS_RESULT:
      return readValue(expr.getPreviousResult());
    case Calculator::Expression::PARAMETER:
      KJ_REQUIRE(expr.getParameter() < args.size(), "parameter index out of range");
      return args[expr.getParameter()];
    case Calculator::Expression::CALL: {
      auto call = expr.getCall();
      auto fn = call.getFunction();
      auto argPromises = kj::heapArrayBuilder<kj::Promise<double>>(call.getParams().size());
      for (auto param : call.getParams()) argPromises.add(evaluate(param, args));
      return kj::joinPromises(argPromises.finish())
          .then([fn](kj::Array<double>&& values) mutable {
            auto request = fn.callRequest();
            auto list = request.initParams(values.size());
            for (uint i = 0; i < values.size(); i++) list.set(i, values[i]);
            return request.send().then(
                [](capnp::Response<Calculator::Function::CallResults>&& r) { return r.getValue(); });
          });
    }
    default:
      KJ_FAIL_REQUIRE("unknown expression type");
  }
}

class ValueImpl final : public Calculator::Value::Server {
 public:
  explicit ValueImpl(double value) : value(value) {}
  kj::Promise<void> read(ReadContext context) override {
    context.getResults().setValue(value);
    return kj::READY_NOW;
  }

 private:
  double value;
};

class FunctionImpl final : public Calculator::Function::Server {
 public:
  FunctionImpl(uint paramCount, Calculator::Expression::Reader body) : paramCount(paramCount) {
    this->body.setRoot(body);  // the params message does not outlive the call
  }
  kj::Promise<void> call(CallContext context) override {
    auto args = context.getParams().getParams();
    KJ_REQUIRE(args.size() == paramCount, "wrong number of parameters");
    return evaluate(body.getRoot<Calculator::Expression>(), args).then([context](double v) mutable {
      context.getResults().setValue(v);
    });
  }

 private:
  uint paramCount;
  capnp::MallocMessageBuilder body;
};

class OperatorImpl final : public Calculator::Function::Server {
 public:
  explicit OperatorImpl(Calculator::Operator op) : op(op) {}
  kj::Promise<void> call(CallContext context) override {
    auto args = context.getParams().getParams();
    KJ_REQUIRE(args.size() == 2, "an operator takes two parameters");
    double a = args[0], b = args[1], r = 0;
    switch (op) {
      case Calculator::Operator::ADD: r = a + b; break;
      case Calculator::Operator::SUBTRACT: r = a - b; break;
      case Calculator::Operator::MULTIPLY: r = a * b; break;
      case Calculator::Operator::DIVIDE: r = a / b; break;
      default: KJ_FAIL_REQUIRE("unknown operator");
    }
    context.getResults().setValue(r);
    return kj::READY_NOW;
  }

 private:
  Calculator::Operator op;
};

class CalculatorImpl final : public Calculator::Server {
 public:
  kj::Promise<void> evaluate(EvaluateContext context) override {
    return ::evaluate(context.getParams().getExpression(), capnp::List<double>::Reader())
        .then([context](double v) mutable {
          context.getResults().setValue(kj::heap<ValueImpl>(v));
        });
  }
  kj::Promise<void> defFunction(DefFunctionContext context) override {
    auto params = context.getParams();
    context.getResults().setFunc(kj::heap<FunctionImpl>(params.getParamCount(), params.getBody()));
    return kj::READY_NOW;
  }
  kj::Promise<void> getOperator(GetOperatorContext context) override {
    context.getResults().setFunc(kj::heap<OperatorImpl>(context.getParams().getOp()));
    return kj::READY_NOW;
  }
};

}  // namespace

int main(int argc, const char* argv[]) {
  if (argc != 2) {
    std::cerr << "usage: " << argv[0] << " HOST:PORT" << std::endl;
    return 1;
  }
  Calculator::Client calculator = kj::heap<CalculatorImpl>();
  capnp::EzRpcServer server(calculator, argv[1]);
  server.exportCap("calculator", calculator);
  auto& waitScope = server.getWaitScope();
  uint port = server.getPort().wait(waitScope);
  std::cout << "port " << port << std::endl;
  kj::NEVER_DONE.wait(waitScope);
}
