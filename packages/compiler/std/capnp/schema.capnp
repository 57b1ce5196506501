# capnp-kit copy of the schema-of-schemas (declarations as in capnp 0.9.2).

using Cxx = import "/capnp/c++.capnp";

@0xa93fc509624c72d9;
# Compiled schemas as data: the nodes a schema compiler emits and the request it sends to plugins.

$Cxx.namespace("capnp::schema");

using Id = UInt64;
# Unique 64-bit id of a declaration.

struct Node {
  # One compiled declaration: a file, struct (or group), enum, interface, const or annotation.

  id @0 :Id;

  displayName @1 :Text;
  # Human-readable name including the file and the enclosing scopes, e.g. "foo.capnp:Bar.Baz".

  displayNamePrefixLength @2 :UInt32;
  # Number of leading characters of displayName that name the scope, not the node itself.

  scopeId @3 :Id;
  # Id of the lexically enclosing node, 0 for files and for compiler-generated param structs.

  parameters @32 :List(Parameter);
  # Generic parameters declared by this node (absent if it declares none).

  isGeneric @33 :Bool;
  # True when this node or any enclosing scope has generic parameters.

  struct Parameter {
    # A generic parameter.
    name @0 :Text;
  }

  nestedNodes @4 :List(NestedNode);
  # Named declarations directly inside this one (groups and param structs are not listed).

  struct NestedNode {
    name @0 :Text;
    # Unqualified name of the child.
    id @1 :Id;
  }

  annotations @5 :List(Annotation);
  # Annotations applied to the declaration.

  union {
    file @6 :Void;

    struct :group {
      dataWordCount @7 :UInt16;
      # Size of the data section in 64-bit words.

      pointerCount @8 :UInt16;
      # Size of the pointer section.

      preferredListEncoding @9 :ElementSize;
      # Element size to use for lists of this struct.

      isGroup @10 :Bool;
      # True for group and named-union nodes, which share their parent's sections.

      discriminantCount @11 :UInt16;
      # Number of members of the unnamed union, or 0 if there is none.

      discriminantOffset @12 :UInt32;
      # Position of the union tag, in 16-bit units.

      fields @13 :List(Field);
      # Fields in order of their first ordinal.
    }

    enum :group {
      enumerants@14 :List(Enumerant);
      # Enumerants in ordinal order.
    }

    interface :group {
      methods @15 :List(Method);
      # Methods in ordinal order.

      superclasses @31 :List(Superclass);
      # Interfaces this one extends.
    }

    const :group {
      type @16 :Type;
      value @17 :Value;
    }

    annotation :group {
      type @18 :Type;

      targetsFile @19 :Bool;
      targetsConst @20 :Bool;
      targetsEnum @21 :Bool;
      targetsEnumerant @22 :Bool;
      targetsStruct @23 :Bool;
      targetsField @24 :Bool;
      targetsUnion @25 :Bool;
      targetsGroup @26 :Bool;
      targetsInterface @27 :Bool;
      targetsMethod @28 :Bool;
      targetsParam @29 :Bool;
      targetsAnnotation @30 :Bool;
    }
  }

  struct SourceInfo {
    # Source-level details of a node that do not affect its meaning.

    id @0 :Id;
    # Node described by this entry.

    docComment @1 :Text;
    # Doc comment of the declaration, if any.

    members @2 :List(Member);
    # One entry per field, enumerant or method, in the same order as the node lists them.

    struct Member {
      docComment @0 :Text;
    }
  }
}

struct Field {
  # A member of a struct or group.

  name @0 :Text;

  codeOrder @1 :UInt16;
  # Position of the member in the source, counted within its scope.

  annotations @2 :List(Annotation);

  const noDiscriminant :UInt16 = 0xffff;
  # discriminantValue of a field that is not in a union.

  discriminantValue @3 :UInt16 = Field.noDiscriminant;
  # Tag value selecting this field within the enclosing union.

  union {
    slot :group {
      # An ordinary field with its own storage.

      offset @4 :UInt32;
      # Offset in units of the field's own size (bits for Bool, pointers for pointer types).

      type @5 :Type;

      defaultValue @6 :Value;

      hadExplicitDefault @10 :Bool;
      # Whether the source wrote `= value`.
    }

    group :group {
      # A group or named union; its members live in the node `typeId`.
      typeId @7 :Id;
    }
  }

  ordinal :union {
    implicit @8 :Void;
    explicit @9 :UInt16;
    # The `@n` written in the source.
  }
}

struct Enumerant {
  # One value of an enum.

  name @0 :Text;

  codeOrder @1 :UInt16;
  # Position in the source.

  annotations @2 :List(Annotation);
}

struct Superclass {
  # An interface named in `extends(...)`, with its generic bindings.
  id @0 :Id;
  brand @1 :Brand;
}

struct Method {
  # One method of an interface.

  name @0 :Text;
  codeOrder @1 :UInt16;

  implicitParameters @7 :List(Node.Parameter);
  # Per-method generic parameters, written `name @n [T] (...)`.

  paramStructType @2 :Id;
  # Struct holding the parameters (possibly compiler-generated).

  paramBrand @5 :Brand;
  # Bindings for generic parameters of the param struct.

  resultStructType @3 :Id;
  # Struct holding the results (possibly compiler-generated).

  resultBrand @6 :Brand;

  annotations @4 :List(Annotation);
}

struct Type {
  # A type as written in a field, parameter, constant or annotation.

  union {
    void @0 :Void;
    bool @1 :Void;
    int8 @2 :Void;
    int16 @3 :Void;
    int32 @4 :Void;
    int64 @5 :Void;
    uint8 @6 :Void;
    uint16 @7 :Void;
    uint32 @8 :Void;
    uint64 @9 :Void;
    float32 @10 :Void;
    float64 @11 :Void;
    text @12 :Void;
    data @13 :Void;

    list :group {
      elementType @14 :Type;
    }

    enum :group {
      typeId @15 :Id;
      brand @21 :Brand;
    }
    struct :group {
      typeId @16 :Id;
      brand @22 :Brand;
    }
    interface :group {
      typeId @17 :Id;
      brand @23 :Brand;
    }

    anyPointer :union {
      unconstrained :union {
        # AnyPointer and its narrower variants.
        anyKind @18 :Void;
        struct @25 :Void;
        list @26 :Void;
        capability @27 :Void;
      }

      parameter :group {
        # A generic parameter of an enclosing scope.
        scopeId @19 :Id;
        parameterIndex @20 :UInt16;
      }

      implicitMethodParameter :group {
        # A per-method generic parameter.
        parameterIndex @24 :UInt16;
      }
    }
  }
}

struct Brand {
  # Bindings of generic parameters, one scope per generic declaration involved.

  scopes @0 :List(Scope);
  # Innermost scope first; scopes that are not listed stay unbound.

  struct Scope {
    scopeId @0 :Id;
    # The generic declaration whose parameters are bound here.

    union {
      bind @1 :List(Binding);
      # One binding per parameter, in declaration order.

      inherit @2 :Void;
      # Keep the bindings of the surrounding context.
    }
  }

  struct Binding {
    union {
      unbound @0 :Void;
      type @1 :Type;
    }
  }
}

struct Value {
  # A literal: a default value, a constant or an annotation argument.

  union {
    void @0 :Void;
    bool @1 :Bool;
    int8 @2 :Int8;
    int16 @3 :Int16;
    int32 @4 :Int32;
    int64 @5 :Int64;
    uint8 @6 :UInt8;
    uint16 @7 :UInt16;
    uint32 @8 :UInt32;
    uint64 @9 :UInt64;
    float32 @10 :Float32;
    float64 @11 :Float64;
    text @12 :Text;
    data @13 :Data;

    list @14 :AnyPointer;

    enum @15 :UInt16;
    struct @16 :AnyPointer;

    interface @17 :Void;
    # Only null is possible for an interface.

    anyPointer @18 :AnyPointer;
  }
}

struct Annotation {
  # One application of an annotation.

  id @0 :Id;
  # Id of the annotation declaration.

  brand @2 :Brand;
  # Bindings, when the annotation is declared inside a generic scope.

  value @1 :Value;
}

enum ElementSize {
  # How list elements are encoded.
  empty @0;
  bit @1;
  byte @2;
  twoBytes @3;
  fourBytes @4;
  eightBytes @5;
  pointer @6;
  inlineComposite @7;
}

struct CapnpVersion {
  # Version of the compiler that built a request.
  major @0 :UInt16;
  minor @1 :UInt8;
  micro @2 :UInt8;
}

struct CodeGeneratorRequest {
  # What the compiler hands to a code generator plugin on stdin.

  capnpVersion @2 :CapnpVersion;

  nodes @0 :List(Node);
  # Every node of the requested files plus the nodes they depend on.

  sourceInfo @3 :List(Node.SourceInfo);
  # Doc comments and the like, one entry per node.

  requestedFiles @1 :List(RequestedFile);
  # The files named on the command line, in order.

  struct RequestedFile {
    id @0 :Id;
    # Id of the file node.

    filename @1 :Text;
    # Path as given to the compiler, relative to the source prefix.

    imports @2 :List(Import);
    # Files this one imports.

    struct Import {
      id @0 :Id;
      # Id of the imported file.

      name @1 :Text;
      # The import string exactly as written.
    }
  }
}
