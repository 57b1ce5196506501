// A C++ Tester client for the interop tests (EzRpcClient): checks a Tester server (the
// TypeScript one) and prints "ok NAME" or "FAIL NAME: why" per check; exits with the number of
// failures. Usage: interop-client HOST:PORT
#include "interop.capnp.h"
#include <capnp/ez-rpc.h>
#include <kj/debug.h>
#include <iostream>
#include <string>
#include <vector>

namespace {

int failures = 0;

void check(const char* name, bool ok, const std::string& why = "") {
  if (ok) {
    std::cout << "ok " << name << std::endl;
  } else {
    std::cout << "FAIL " << name << ": " << why << std::endl;
    failures++;
  }
}

// A callback recording the values it is called with, returning value * factor.
class RecordingCallback final : public Callback::Server {
 public:
  RecordingCallback(std::vector<uint32_t>& seen, uint32_t factor) : seen(seen), factor(factor) {}
  kj::Promise<void> call(CallContext context) override {
    auto v = context.getParams().getValue();
    seen.push_back(v);
    context.getResults().setValue(v * factor);
    return kj::READY_NOW;
  }

 private:
  std::vector<uint32_t>& seen;
  uint32_t factor;
};

std::string describe(const std::vector<uint32_t>& values) {
  std::string s;
  for (auto v : values) s += std::to_string(v) + " ";
  return s;
}

}  // namespace

int main(int argc, const char* argv[]) {
  if (argc != 2) {
    std::cerr << "usage: " << argv[0] << " HOST:PORT" << std::endl;
    return 1;
  }
  capnp::EzRpcClient client(argv[1]);
  auto& ws = client.getWaitScope();
  Tester::Client tester = client.getMain<Tester>();

  {
    auto req = tester.addRequest();
    req.setA(2);
    req.setB(40);
    check("add", req.send().wait(ws).getSum() == 42);
  }
  {  // Hundreds of calls in flight at once.
    auto calls = kj::heapArrayBuilder<kj::Promise<int32_t>>(500);
    for (int i = 0; i < 500; i++) {
      auto req = tester.addRequest();
      req.setA(i);
      req.setB(1000);
      calls.add(req.send().then([](capnp::Response<Tester::AddResults>&& r) { return r.getSum(); }));
    }
    auto sums = kj::joinPromises(calls.finish()).wait(ws);
    bool ok = true;
    for (int i = 0; i < 500; i++) ok = ok && sums[i] == i + 1000;
    check("concurrent", ok);
  }
  {  // A payload of several MiB (many segments both ways).
    const size_t size = 6 * 1024 * 1024 + 13;
    auto req = tester.echoRequest();
    auto data = req.initData(size);
    for (size_t i = 0; i < size; i++) data[i] = static_cast<uint8_t>(i * 7 + 3);
    auto back = req.send().wait(ws).getData();
    bool ok = back.size() == size;
    for (size_t i = 0; ok && i < size; i++) ok = back[i] == static_cast<uint8_t>(i * 7 + 3);
    check("large payload", ok, "size " + std::to_string(back.size()));
  }
  {  // Exceptions of each type.
    const struct { Tester::ErrorType type; kj::Exception::Type expected; const char* name; } cases[] = {
        {Tester::ErrorType::FAILED, kj::Exception::Type::FAILED, "failed"},
        {Tester::ErrorType::OVERLOADED, kj::Exception::Type::OVERLOADED, "overloaded"},
        {Tester::ErrorType::DISCONNECTED, kj::Exception::Type::DISCONNECTED, "disconnected"},
        {Tester::ErrorType::UNIMPLEMENTED, kj::Exception::Type::UNIMPLEMENTED, "unimplemented"},
    };
    for (auto& c : cases) {
      auto req = tester.failRequest();
      req.setReason(std::string("reason ") + c.name);
      req.setType(c.type);
      try {
        req.send().wait(ws);
        check("exception", false, "no exception");
      } catch (const kj::Exception& e) {
        std::string description = e.getDescription().cStr();
        check("exception", e.getType() == c.expected &&
                               description.find(std::string("reason ") + c.name) != std::string::npos,
              description);
      }
    }
    try {
      tester.castAs<Counter>().nextRequest().send().wait(ws);
      check("unimplemented interface", false, "no exception");
    } catch (const kj::Exception& e) {
      check("unimplemented interface", e.getType() == kj::Exception::Type::UNIMPLEMENTED,
            e.getDescription().cStr());
    }
  }
  {  // The server calls back a C++ capability, concurrently.
    std::vector<uint32_t> seen;
    auto req = tester.callBackRequest();
    req.setCallback(kj::heap<RecordingCallback>(seen, 2));
    req.setCount(200);
    auto sum = req.send().wait(ws).getSum();
    check("callback", sum == 2 * 200 * 201 / 2 && seen.size() == 200, std::to_string(sum));
  }
  {  // Pipelining: calls on capabilities of results not returned yet.
    auto counter = tester.newCounterRequest().send().getCounter();
    auto a = counter.nextRequest().send();
    auto b = counter.nextRequest().send();
    auto c = counter.nextRequest().send();
    bool ok = a.wait(ws).getValue() == 1 && b.wait(ws).getValue() == 2 && c.wait(ws).getValue() == 3;
    auto chained = tester.selfRequest().send().getTester().selfRequest().send().getTester();
    auto req = chained.addRequest();
    req.setA(1);
    req.setB(2);
    check("pipelining", ok && req.send().wait(ws).getSum() == 3);
  }
  {  // A promise resolving back to our own capability: calls keep their order (embargo).
    std::vector<uint32_t> seen;
    Callback::Client mine = kj::heap<RecordingCallback>(seen, 1);
    auto reflectRequest = tester.reflectRequest();
    reflectRequest.setCap(mine);
    auto reflected = reflectRequest.send();
    auto cap = reflected.getCap();
    kj::Vector<kj::Promise<void>> calls;
    for (uint32_t i = 1; i <= 5; i++) {
      auto r = cap.callRequest();
      r.setValue(i);
      calls.add(r.send().ignoreResult());
    }
    reflected.wait(ws);
    for (uint32_t i = 6; i <= 10; i++) {
      auto r = cap.callRequest();
      r.setValue(i);
      calls.add(r.send().ignoreResult());
    }
    kj::joinPromises(calls.releaseAsArray()).wait(ws);
    std::vector<uint32_t> expected = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    check("embargo", seen == expected, describe(seen));
  }
  {  // Streaming with flow control.
    const size_t chunk = 64 * 1024;
    for (int i = 0; i < 64; i++) {
      auto req = tester.writeRequest();
      req.initChunk(chunk);
      req.send().wait(ws);
    }
    auto w = tester.writtenRequest().send().wait(ws);
    check("streaming", w.getChunks() == 64 && w.getBytes() == 64 * chunk,
          std::to_string(w.getChunks()));
  }
  {  // Cancellation: dropping a call's promise sends Finish, and the server stops it.
    auto hang = kj::heap<capnp::RemotePromise<Tester::HangResults>>(tester.hangRequest().send());
    tester.addRequest().send().wait(ws);  // the hang() call has started by now
    hang = nullptr;
    auto count = tester.cancelledRequest().send().wait(ws).getCount();
    check("cancellation", count == 1, std::to_string(count));
  }
  {  // The server calls us back in order, each call after the previous one returned.
    std::vector<uint32_t> seen;
    auto req = tester.callOrderRequest();
    req.setCallback(kj::heap<RecordingCallback>(seen, 1));
    req.setFirst(100);
    req.setCount(50);
    req.send().wait(ws);
    bool ok = seen.size() == 50;
    for (size_t i = 0; ok && i < 50; i++) ok = seen[i] == 100 + i;
    check("call order", ok, describe(seen));
  }
  return failures;
}
