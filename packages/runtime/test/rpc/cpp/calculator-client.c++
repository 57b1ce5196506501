// A C++ calculator client for the interop tests (EzRpcClient): runs the quickstart's steps
// against a calculator server and prints "title: value" for each, then the error a bad
// expression gets. Usage: calculator-client HOST:PORT (main|restore)
#include "calculator.capnp.h"
#include <capnp/ez-rpc.h>
#include <kj/debug.h>
#include <cmath>
#include <iostream>

namespace {

// The client's own Function: the server calls back into it.
class PowerFunction final : public Calculator::Function::Server {
 public:
  kj::Promise<void> call(CallContext context) override {
    auto args = context.getParams().getParams();
    KJ_REQUIRE(args.size() == 2);
    context.getResults().setValue(std::pow(args[0], args[1]));
    return kj::READY_NOW;
  }
};

void literal(Calculator::Expression::Builder e, double v) { e.setLiteral(v); }

}  // namespace

int main(int argc, const char* argv[]) {
  if (argc != 3) {
    std::cerr << "usage: " << argv[0] << " HOST:PORT (main|restore)" << std::endl;
    return 1;
  }
  capnp::EzRpcClient client(argv[1]);
  auto& ws = client.getWaitScope();
  Calculator::Client calc = kj::StringPtr(argv[2]) == "restore"
                                ? client.importCap<Calculator>("calculator")
                                : client.getMain<Calculator>();

  {  // A literal; read() pipelined on the Value.
    auto req = calc.evaluateRequest();
    literal(req.initExpression(), 123);
    auto value = req.send().getValue();
    std::cout << "literal: " << value.readRequest().send().wait(ws).getValue() << std::endl;
  }
  auto add = calc.getOperatorRequest();
  add.setOp(Calculator::Operator::ADD);
  auto addFn = add.send().getFunc();
  auto sub = calc.getOperatorRequest();
  sub.setOp(Calculator::Operator::SUBTRACT);
  auto subFn = sub.send().getFunc();
  auto mul = calc.getOperatorRequest();
  mul.setOp(Calculator::Operator::MULTIPLY);
  auto mulFn = mul.send().getFunc();
  {  // subtract(add(123, 45), 67): all pipelined.
    auto req = calc.evaluateRequest();
    auto call = req.initExpression().initCall();
    call.setFunction(subFn);
    auto params = call.initParams(2);
    auto inner = params[0].initCall();
    inner.setFunction(addFn);
    auto innerParams = inner.initParams(2);
    literal(innerParams[0], 123);
    literal(innerParams[1], 45);
    literal(params[1], 67);
    auto value = req.send().getValue();
    std::cout << "add and subtract: " << value.readRequest().send().wait(ws).getValue() << std::endl;
  }
  {  // A previous result, pipelined into the next evaluate().
    auto first = calc.evaluateRequest();
    auto call = first.initExpression().initCall();
    call.setFunction(mulFn);
    auto params = call.initParams(2);
    literal(params[0], 4);
    literal(params[1], 6);
    auto firstValue = first.send().getValue();
    auto second = calc.evaluateRequest();
    auto call2 = second.initExpression().initCall();
    call2.setFunction(addFn);
    auto params2 = call2.initParams(2);
    params2[0].setPreviousResult(firstValue);
    literal(params2[1], 3);
    auto value = second.send().getValue();
    std::cout << "pipelined eval: " << value.readRequest().send().wait(ws).getValue() << std::endl;
  }
  {  // f(x, y) = x * 100 + y; g(x) = f(x, x + 1) * 2
    auto fReq = calc.defFunctionRequest();
    fReq.setParamCount(2);
    auto fCall = fReq.initBody().initCall();
    fCall.setFunction(addFn);
    auto fParams = fCall.initParams(2);
    auto times = fParams[0].initCall();
    times.setFunction(mulFn);
    auto timesParams = times.initParams(2);
    timesParams[0].setParameter(0);
    literal(timesParams[1], 100);
    fParams[1].setParameter(1);
    auto f = fReq.send().getFunc();

    auto gReq = calc.defFunctionRequest();
    gReq.setParamCount(1);
    auto gCall = gReq.initBody().initCall();
    gCall.setFunction(mulFn);
    auto gParams = gCall.initParams(2);
    auto fOf = gParams[0].initCall();
    fOf.setFunction(f);
    auto fOfParams = fOf.initParams(2);
    fOfParams[0].setParameter(0);
    auto plusOne = fOfParams[1].initCall();
    plusOne.setFunction(addFn);
    auto plusOneParams = plusOne.initParams(2);
    plusOneParams[0].setParameter(0);
    literal(plusOneParams[1], 1);
    literal(gParams[1], 2);
    auto g = gReq.send().getFunc();

    auto fEval = calc.evaluateRequest();
    auto fEvalCall = fEval.initExpression().initCall();
    fEvalCall.setFunction(f);
    auto fEvalParams = fEvalCall.initParams(2);
    literal(fEvalParams[0], 12);
    literal(fEvalParams[1], 34);
    auto fValue = fEval.send().getValue();
    auto gEval = calc.evaluateRequest();
    auto gEvalCall = gEval.initExpression().initCall();
    gEvalCall.setFunction(g);
    literal(gEvalCall.initParams(1)[0], 21);
    auto gValue = gEval.send().getValue();
    std::cout << "f(12, 34): " << fValue.readRequest().send().wait(ws).getValue() << std::endl;
    std::cout << "g(21): " << gValue.readRequest().send().wait(ws).getValue() << std::endl;
  }
  {  // A callback: the server calls PowerFunction here.
    auto req = calc.evaluateRequest();
    auto call = req.initExpression().initCall();
    call.setFunction(kj::heap<PowerFunction>());
    auto params = call.initParams(2);
    literal(params[0], 2);
    auto sum = params[1].initCall();
    sum.setFunction(addFn);
    auto sumParams = sum.initParams(2);
    literal(sumParams[0], 4);
    literal(sumParams[1], 5);
    auto value = req.send().getValue();
    std::cout << "callback: " << value.readRequest().send().wait(ws).getValue() << std::endl;
  }
  {  // A parameter outside a function: the server fails the call.
    auto req = calc.evaluateRequest();
    req.initExpression().setParameter(7);
    auto value = req.send().getValue();
    try {
      value.readRequest().send().wait(ws);
      std::cout << "error: none" << std::endl;
    } catch (const kj::Exception& e) {
      std::cout << "error: " << e.getDescription().cStr() << std::endl;
    }
  }
  return 0;
}
