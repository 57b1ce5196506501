// The C++ side of the RPC benchmark (bench/suites/rpc.ts): an EzRpcClient calling Tester.add()
// on a server. Usage:
//   bench-client HOST:PORT throughput SECONDS IN_FLIGHT   -> "calls_per_second X"
//   bench-client HOST:PORT latency COUNT                  -> "p50_us X"
#include "interop.capnp.h"
#include <capnp/ez-rpc.h>
#include <kj/debug.h>
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

kj::Promise<void> addCall(Tester::Client& tester, int32_t i) {
  auto req = tester.addRequest();
  req.setA(i);
  req.setB(1);
  return req.send().then([i](capnp::Response<Tester::AddResults>&& r) {
    KJ_REQUIRE(r.getSum() == i + 1);
  });
}

// One of the in-flight slots: a call, then the next, until the deadline.
kj::Promise<void> slot(Tester::Client& tester, uint64_t& done, Clock::time_point deadline) {
  return addCall(tester, static_cast<int32_t>(done)).then([&tester, &done, deadline]() {
    done++;
    if (Clock::now() >= deadline) return kj::Promise<void>(kj::READY_NOW);
    return slot(tester, done, deadline);
  });
}

double throughput(Tester::Client& tester, kj::WaitScope& ws, double seconds, int inFlight) {
  uint64_t done = 0;
  auto run = [&](double s) {
    done = 0;
    auto start = Clock::now();
    auto deadline = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(s));
    auto slots = kj::heapArrayBuilder<kj::Promise<void>>(inFlight);
    for (int i = 0; i < inFlight; i++) slots.add(slot(tester, done, deadline));
    kj::joinPromises(slots.finish()).wait(ws);
    return done / std::chrono::duration<double>(Clock::now() - start).count();
  };
  run(seconds / 4);  // warm-up
  return run(seconds);
}

double latencyP50(Tester::Client& tester, kj::WaitScope& ws, int count) {
  for (int i = 0; i < count / 10; i++) addCall(tester, i).wait(ws);  // warm-up
  std::vector<double> samples;
  for (int i = 0; i < count; i++) {
    auto start = Clock::now();
    addCall(tester, i).wait(ws);
    samples.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
  }
  std::sort(samples.begin(), samples.end());
  return samples[samples.size() / 2];
}

}  // namespace

int main(int argc, const char* argv[]) {
  if (argc < 4) {
    std::cerr << "usage: " << argv[0] << " HOST:PORT (throughput SECONDS IN_FLIGHT | latency COUNT)" << std::endl;
    return 1;
  }
  capnp::EzRpcClient client(argv[1]);
  auto& ws = client.getWaitScope();
  Tester::Client tester = client.getMain<Tester>();
  kj::StringPtr mode = argv[2];
  if (mode == "throughput" && argc == 5) {
    std::cout << "calls_per_second " << throughput(tester, ws, std::atof(argv[3]), std::atoi(argv[4]))
              << std::endl;
  } else if (mode == "latency") {
    std::cout << "p50_us " << latencyP50(tester, ws, std::atoi(argv[3])) << std::endl;
  } else {
    std::cerr << "unknown mode" << std::endl;
    return 1;
  }
  return 0;
}
