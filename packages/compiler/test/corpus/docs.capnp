# A comment before the file id is not a doc comment.
@0xb0ec3a65b0b464e3;
# File doc comment: the lines right after the file id.
# It spans two lines.

# Separated by a blank line: not part of the file doc comment.

struct AfterBrace {
  # Doc comment after the opening brace.
  # Second line.

  field @0 :Int32;  # Same-line comment of a field.
  nextLine @1 :Text;
  # Comment on the line after the field.
  # Continued.

  noDoc @2 :Bool;

  # Not attached: a blank line separates it from `noDoc`.

  sameAndNext @3 :Data; # Same line
  # and the next line are joined.
  tight @4 :UInt8;#No space after the hash.
  doubleHash @5 :UInt16;  ## Two hashes: only the first is dropped.
  indented @6 :Void;
      #    Indented continuation keeps its extra spaces.
  emptyLines @7 :Void;
  #
  # The first line above is empty.
  #
}

struct AfterClose {
  field @0 :Int32;
}
# Doc comment after the closing brace, used because there is none after the opening one.

struct Both {
  # The comment after the opening brace wins.
  field @0 :Int32;
}
# This one is ignored.

struct Members {
  # Doc comments on groups, unions and their members.
  grp :group {
    # A group's comment after its brace.
    inner @0 :Int32;
    # Member of the group.
  }
  afterGroup :group {
    inner @1 :Int32;
  }
  # A group's comment after its closing brace.
  named :union {
    # A named union.
    a @2 :Void;
    # Union member a.
    b @3 :Text; # Union member b.
  }
  union {
    # The unnamed union's own comment has no node to go to.
    c @4 :Void;
    # Unnamed union member c.
    d @5 :Int8;
  }
}

enum Documented {
  # An enum.
  first @0;
  # The first enumerant.
  second @1; # The second enumerant.
  third @2;
}

interface Service {
  # An interface.
  call @0 (a :Int32) -> (b :Int32);
  # A method.
  cast @1 (
    x :Text  # Parameter comments are not recorded by capnp 0.9.2.
  );
  struct Nested {
    # A struct nested in an interface.
    value @0 :Float64;
  }
}

const documentedConst :Int32 = 1;
# A constant.

annotation documentedAnnotation(*) :Void;
# An annotation.

using Alias = AfterBrace;
# A `using` alias is not a node, so this comment goes nowhere.

struct Outer {
  # Outer struct.
  struct Inner {
    # Nested struct.
    enum InnerEnum {
      # Nested enum.
      x @0; # Nested enumerant.
    }
  }
  const innerConst :Text = "k";
  # Nested constant.
  value @0 :Inner;
}

struct NoComments {
  a @0 :Int32;
  b @1 :Int32;
}

enum Quoted {
  # Special characters: "quotes", back\slash, tab	here, and UTF-8 ✓.
  a @0;
}
