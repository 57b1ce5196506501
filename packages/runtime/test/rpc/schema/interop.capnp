# The RPC test interfaces shared by the TypeScript tests and the C++ peers (test/rpc/cpp).
@0xe2dcb3a52d0b5bdf;

interface Tester {
  # Exercises what the calculator does not: large payloads, exceptions of each type,
  # capabilities sent both ways, streaming, cancellation, ordering.

  echo @0 (data :Data) -> (data :Data);
  # The same bytes back (payloads of several MiB span segments).

  fail @1 (reason :Text, type :ErrorType) -> ();
  # Throws an exception of `type` with `reason`.

  enum ErrorType {
    failed @0;
    overloaded @1;
    disconnected @2;
    unimplemented @3;
  }

  callBack @2 (callback :Callback, count :UInt32) -> (sum :UInt64);
  # Calls `callback` `count` times (values 1..count, concurrently) and sums what it returns.

  reflect @3 (cap :Callback) -> (cap :Callback);
  # The capability it was given, returned as is (a promise on it resolves to the caller's own
  # capability: the embargo case).

  newCounter @4 () -> (counter :Counter);
  # A fresh counter on the server.

  write @5 (chunk :Data) -> stream;
  # Streaming: appends to a running total.

  written @6 () -> (bytes :UInt64, chunks :UInt32);
  # What write() received so far.

  add @7 (a :Int32, b :Int32) -> (sum :Int32);
  # A small call (benchmarks).

  self @8 () -> (tester :Tester);
  # This Tester again (pipelined chains: t.self().tester.self().tester…).

  hang @9 () -> ();
  # Returns only when cancelled (or never).

  cancelled @10 () -> (count :UInt32);
  # How many hang() calls were cancelled.

  callOrder @11 (callback :Callback, first :UInt32, count :UInt32) -> ();
  # Calls `callback` with first..first+count-1, in order, each after the previous returned.
}

interface Callback {
  call @0 (value :UInt32) -> (value :UInt32);
}

interface Counter {
  next @0 () -> (value :UInt32);
  # 1, 2, 3…
}

struct Bag {
  # Capabilities inside structs and lists (cap tables with several entries).
  callbacks @0 :List(Callback);
  counter @1 :Counter;
  label @2 :Text;
  tester @3 :Tester;
}
