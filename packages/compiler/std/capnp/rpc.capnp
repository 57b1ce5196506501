# capnp-kit copy of the RPC protocol schema (declarations as in capnp 0.9.2).
@0xb312981b2552a250;
# Messages exchanged between two vats (peers) speaking the Cap'n Proto RPC protocol. Each side keeps
# four tables: questions it asked, answers it owes, capabilities it exported and ones it imported.

using Cxx = import "/capnp/c++.capnp";
$Cxx.namespace("capnp::rpc");

using QuestionId = UInt32;
# Index into the sender's question table (the receiver's answer table).

using AnswerId = QuestionId;
# The same number seen from the answering side.

using ExportId = UInt32;
# Index into the sender's export table (the receiver's import table).

using ImportId = ExportId;
# The same number seen from the importing side.

struct Message {
  # Top-level frame; exactly one kind of message per frame.

  union {
    unimplemented @0 :Message;
    # Echo of a message the peer did not understand.

    abort @1 :Exception;
    # Fatal error; the connection closes after this.

    bootstrap @8 :Bootstrap;
    call @2 :Call;
    return @3 :Return;
    finish @4 :Finish;

    resolve @5 :Resolve;
    release @6 :Release;
    disembargo @13 :Disembargo;

    obsoleteSave @7 :AnyPointer;
    # No longer used.

    obsoleteDelete @9 :AnyPointer;
    # No longer used.

    provide @10 :Provide;
    accept @11 :Accept;
    join @12 :Join;
  }
}

struct Bootstrap {
  # Asks for the peer's main interface.

  questionId @0 :QuestionId;

  deprecatedObjectId @1 :AnyPointer;
  # Legacy: names a particular object instead of the default one.
}

struct Call {
  # Invokes a method on a capability.

  questionId @0 :QuestionId;
  # New question slot for the answer.

  target @1 :MessageTarget;

  interfaceId @2 :UInt64;
  methodId @3 :UInt16;

  allowThirdPartyTailCall @8 :Bool = false;

  params @4 :Payload;

  sendResultsTo :union {
    # Where the results should go.

    caller @5 :Void;
    yourself @6 :Void;
    thirdParty @7 :RecipientId;
  }
}

struct Return {
  # Answers a Call or Bootstrap.

  answerId @0 :AnswerId;

  releaseParamCaps @1 :Bool = true;
  # Whether the receiver should release the capabilities in the call's parameters now.

  union {
    results @2 :Payload;
    exception @3 :Exception;
    canceled @4 :Void;
    resultsSentElsewhere @5 :Void;
    takeFromOtherQuestion @6 :QuestionId;
    acceptFromThirdParty @7 :ThirdPartyCapId;
  }
}

struct Finish {
  # Tells the answerer that the question's slot may be reused.

  questionId @0 :QuestionId;

  releaseResultCaps @1 :Bool = true;
}

struct Resolve {
  # Reports what an exported promise resolved to.

  promiseId @0 :ExportId;

  union {
    cap @1 :CapDescriptor;
    exception @2 :Exception;
  }
}

struct Release {
  # Drops references to an imported capability.

  id @0 :ImportId;

  referenceCount @1 :UInt32;
  # How many references are dropped at once.
}

struct Disembargo {
  # Used to keep calls in order while a promise resolves to a capability on a shorter path.

  target @0 :MessageTarget;

  using EmbargoId = UInt32;

  context :union {
    senderLoopback @1 :EmbargoId;
    receiverLoopback @2 :EmbargoId;
    accept @3 :Void;
    provide @4 :QuestionId;
  }
}

struct Provide {
  # Offers a capability to a third party (level 3).

  questionId @0 :QuestionId;
  target @1 :MessageTarget;
  recipient @2 :RecipientId;
}

struct Accept {
  # Picks up a capability offered with Provide (level 3).

  questionId @0 :QuestionId;
  provision @1 :ProvisionId;
  embargo @2 :Bool;
}

struct Join {
  # Checks that several capabilities point to the same object (level 4).

  questionId @0 :QuestionId;
  target @1 :MessageTarget;
  keyPart @2 :JoinKeyPart;
}

struct MessageTarget {
  # Receiver of a call: an imported capability or a capability inside a pending answer.

  union {
    importedCap @0 :ImportId;
    promisedAnswer @1 :PromisedAnswer;
  }
}

struct Payload {
  # Message content plus the capabilities it refers to.

  content @0 :AnyPointer;
  capTable @1 :List(CapDescriptor);
  # Capability pointers in `content` index into this list.
}

struct CapDescriptor {
  # Describes a capability passed in a message.

  union {
    none @0 :Void;
    senderHosted @1 :ExportId;
    senderPromise @2 :ExportId;
    receiverHosted @3 :ImportId;
    receiverAnswer @4 :PromisedAnswer;
    thirdPartyHosted @5 :ThirdPartyCapDescriptor;
  }

  attachedFd @6 :UInt8 = 0xff;
  # Index of an attached file descriptor; 0xff means none.
}

struct PromisedAnswer {
  # A capability found inside the (future) result of a question.

  questionId @0 :QuestionId;

  transform @1 :List(Op);
  # Path from the result struct to the capability.

  struct Op {
    union {
      noop @0 :Void;
      getPointerField @1 :UInt16;
    }
  }
}

struct ThirdPartyCapDescriptor {
  # A capability hosted by some third vat (level 3).

  id @0 :ThirdPartyCapId;
  vineId @1 :ExportId;
}

struct Exception {
  # An error raised by a call or by the connection.

  reason @0 :Text;

  type @3 :Type;

  enum Type {
    failed @0;
    overloaded @1;
    disconnected @2;
    unimplemented @3;
  }

  obsoleteIsCallersFault @1 :Bool;
  obsoleteDurability @2 :UInt16;

  trace @4 :Text;
  # Optional debugging stack trace.
}

# Types defined by the particular network in use; opaque to this protocol.

using SturdyRef = AnyPointer;
using ProvisionId = AnyPointer;
using RecipientId = AnyPointer;
using ThirdPartyCapId = AnyPointer;
using JoinKeyPart = AnyPointer;
using JoinResult = AnyPointer;
