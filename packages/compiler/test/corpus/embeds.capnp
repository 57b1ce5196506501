@0xa56649f81a55054d;
# `embed` of a text file, a binary file and a flat single-segment struct message.

using Doc = import "lib/document.capnp";

const embeddedText :Text = embed "data/greeting.txt";
const embeddedTextAsData :Data = embed "data/greeting.txt";
const embeddedBytes :Data = embed "data/bytes.bin";
const embeddedStruct :Doc.Document = embed "data/document.bin";
const embeddedList :List(Data) = [embed "data/bytes.bin", 0x"00"];
const embeddedInStruct :Doc.Document = (title = embed "data/greeting.txt", checksum = embed "data/bytes.bin");
const embeddedFromDir :Text = embed "lib/../data/greeting.txt";

annotation readme(struct, field) :Text;

struct WithEmbeds $readme(embed "data/greeting.txt") {
  # Embedded files as field defaults and annotation values.
  text @0 :Text = embed "data/greeting.txt";
  bytes @1 :Data = embed "data/bytes.bin";
  document @2 :Doc.Document = embed "data/document.bin";
  documents @3 :List(Doc.Document) = [embed "data/document.bin", (title = "literal")];
  note @4 :Void $readme(embed "data/greeting.txt");
  viaConst @5 :Doc.Document = .embeddedStruct;
}

const embeddedSegmented :Doc.Document = embed "data/document-segmented.bin";
# The same document encoded as a multi-segment message (made with --segment-size=8).
