@0x8f5d14e1c273738d;
# capnp-kit copy of the byte-stream schema (declarations as in capnp 0.9.2).

$import "/capnp/c++.capnp".namespace("capnp");

interface ByteStream {
  # Receives a stream of bytes.

  write @0 (bytes :Data) -> stream;
  # Appends bytes.

  end @1 ();
  # No more bytes follow.

  getSubstream @2 (callback :SubstreamCallback,
                   limit :UInt64 = 0xffffffffffffffff) -> (substream :ByteStream);
  # Hands out a stream writing into this one, for at most `limit` bytes.

  interface SubstreamCallback {
    # Told when a substream finishes.

    ended @0 (byteCount :UInt64);
    reachedLimit @1 () -> (next :ByteStream);
  }
}
