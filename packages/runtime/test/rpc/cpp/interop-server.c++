// A C++ Tester server for the interop tests (EzRpcServer), the counterpart of the TypeScript
// TsTester in test/rpc/support.ts. Usage: interop-server HOST:PORT (prints "port N" when ready)
#include "interop.capnp.h"
#include <capnp/ez-rpc.h>
#include <kj/debug.h>
#include <iostream>

namespace {

class CounterImpl final : public Counter::Server {
 public:
  kj::Promise<void> next(NextContext context) override {
    context.getResults().setValue(++n);
    return kj::READY_NOW;
  }

 private:
  uint32_t n = 0;
};

class TesterImpl final : public Tester::Server {
 public:
  kj::Promise<void> echo(EchoContext context) override {
    context.getResults().setData(context.getParams().getData());
    return kj::READY_NOW;
  }

  kj::Promise<void> fail(FailContext context) override {
    auto params = context.getParams();
    kj::Exception::Type type = kj::Exception::Type::FAILED;
    switch (params.getType()) {
      case Tester::ErrorType::FAILED: type = kj::Exception::Type::FAILED; break;
      case Tester::ErrorType::OVERLOADED: type = kj::Exception::Type::OVERLOADED; break;
      case Tester::ErrorType::DISCONNECTED: type = kj::Exception::Type::DISCONNECTED; break;
      case Tester::ErrorType::UNIMPLEMENTED: type = kj::Exception::Type::UNIMPLEMENTED; break;
    }
    return kj::Exception(type, __FILE__, __LINE__, kj::heapString(params.getReason()));
  }

  kj::Promise<void> callBack(CallBackContext context) override {
    auto params = context.getParams();
    auto callback = params.getCallback();
    auto calls = kj::heapArrayBuilder<kj::Promise<uint32_t>>(params.getCount());
    for (uint32_t i = 1; i <= params.getCount(); i++) {
      auto request = callback.callRequest();
      request.setValue(i);
      calls.add(request.send().then(
          [](capnp::Response<Callback::CallResults>&& r) { return r.getValue(); }));
    }
    return kj::joinPromises(calls.finish()).then([context](kj::Array<uint32_t>&& values) mutable {
      uint64_t sum = 0;
      for (auto v : values) sum += v;
      context.getResults().setSum(sum);
    });
  }

  kj::Promise<void> reflect(ReflectContext context) override {
    context.getResults().setCap(context.getParams().getCap());
    return kj::READY_NOW;
  }

  kj::Promise<void> newCounter(NewCounterContext context) override {
    context.getResults().setCounter(kj::heap<CounterImpl>());
    return kj::READY_NOW;
  }

  kj::Promise<void> write(WriteContext context) override {
    bytes += context.getParams().getChunk().size();
    chunks++;
    return kj::READY_NOW;
  }

  kj::Promise<void> written(WrittenContext context) override {
    auto results = context.getResults();
    results.setBytes(bytes);
    results.setChunks(chunks);
    return kj::READY_NOW;
  }

  kj::Promise<void> add(AddContext context) override {
    auto params = context.getParams();
    context.getResults().setSum(params.getA() + params.getB());
    return kj::READY_NOW;
  }

  kj::Promise<void> self(SelfContext context) override {
    context.getResults().setTester(thisCap());
    return kj::READY_NOW;
  }

  kj::Promise<void> hang(HangContext context) override {
    context.allowCancellation();
    // Counts the cancellation when the promise is dropped.
    auto guard = kj::heap<CancelCounter>(cancelledCount);
    return kj::Promise<void>(kj::NEVER_DONE).attach(kj::mv(guard));
  }

  kj::Promise<void> cancelled(CancelledContext context) override {
    context.getResults().setCount(cancelledCount);
    return kj::READY_NOW;
  }

  kj::Promise<void> callOrder(CallOrderContext context) override {
    auto params = context.getParams();
    return callInOrder(params.getCallback(), params.getFirst(), params.getCount());
  }

 private:
  struct CancelCounter {
    uint32_t& count;
    explicit CancelCounter(uint32_t& count) : count(count) {}
    ~CancelCounter() { count++; }
  };

  kj::Promise<void> callInOrder(Callback::Client callback, uint32_t value, uint32_t left) {
    if (left == 0) return kj::READY_NOW;
    auto request = callback.callRequest();
    request.setValue(value);
    return request.send().then([this, callback, value, left](auto&&) mutable {
      return callInOrder(callback, value + 1, left - 1);
    });
  }

  uint64_t bytes = 0;
  uint32_t chunks = 0;
  uint32_t cancelledCount = 0;
};

}  // namespace

int main(int argc, const char* argv[]) {
  if (argc != 2) {
    std::cerr << "usage: " << argv[0] << " HOST:PORT" << std::endl;
    return 1;
  }
  capnp::EzRpcServer server(kj::heap<TesterImpl>(), argv[1]);
  auto& waitScope = server.getWaitScope();
  uint port = server.getPort().wait(waitScope);
  std::cout << "port " << port << std::endl;
  kj::NEVER_DONE.wait(waitScope);
}
