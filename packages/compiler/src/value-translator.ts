import { decodeFrame, MessageReader, WireError } from '@capnp-kit/wire';
import type { EmbedExpression, Expression, Located, TupleElement } from './ast.js';
import { addErrorOn, type ErrorReporter } from './error-reporter.js';
import type { Type } from './schema/model.js';
import { sameType, typeName } from './schema/types.js';
import {
  type DynValue,
  ListValueBuilder,
  type NodeLookup,
  StructValueBuilder,
} from './value-encoder.js';

/** What value compilation needs from the translator compiling the declaration. */
export interface ValueContext {
  readonly reporter: ErrorReporter;
  readonly lookup: NodeLookup;
  /** The value of the constant an expression names (reporting why not). */
  resolveConstant(source: Expression): DynValue | undefined;
  /** The bytes of an embedded file (reporting why not). */
  readEmbed(path: Located<string>): Uint8Array | undefined;
}

const INT_RANGE: Record<string, [bigint, bigint]> = {
  int8: [-(2n ** 7n), 2n ** 7n - 1n],
  int16: [-(2n ** 15n), 2n ** 15n - 1n],
  int32: [-(2n ** 31n), 2n ** 31n - 1n],
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
  uint8: [0n, 2n ** 8n - 1n],
  uint16: [0n, 2n ** 16n - 1n],
  uint32: [0n, 2n ** 32n - 1n],
  uint64: [0n, 2n ** 64n - 1n],
  float32: [-(2n ** 63n), 2n ** 64n - 1n],
  float64: [-(2n ** 63n), 2n ** 64n - 1n],
};

/**
 * Compiles value expressions (defaults, constants, annotation values) against their expected
 * types, reporting mismatches as the reference does (ValueTranslator in node-translator.c++).
 */
export class ValueTranslator {
  constructor(readonly ctx: ValueContext) {}

  #mismatch(src: Expression, type: Type): void {
    addErrorOn(
      this.ctx.reporter,
      src,
      `Type mismatch; expected ${typeName(type, this.ctx.lookup)}.`,
      'type-mismatch',
    );
  }

  /** The value of `src` as a `type`, or undefined after reporting why it is not one. */
  compileValue(src: Expression, type: Type): DynValue | undefined {
    if (
      type.which === 'anyPointer' &&
      (type.anyPointer.which === 'parameter' || type.anyPointer.which === 'implicitMethodParameter')
    ) {
      addErrorOn(
        this.ctx.reporter,
        src,
        "Cannot interpret value because the type is a generic type parameter which is not yet bound. We don't know what type to expect here.",
        'generic',
      );
      return undefined;
    }
    const result = this.#compileInner(src, type);
    if (result === undefined) return undefined;
    switch (result.kind) {
      case 'void':
        if (type.which === 'void') return result;
        break;
      case 'bool':
        if (type.which === 'bool') return result;
        break;
      case 'int':
      case 'uint': {
        const range = INT_RANGE[type.which];
        if (range === undefined) break;
        const [min, max] = range;
        if (result.value < min) {
          addErrorOn(this.ctx.reporter, src, 'Integer value out of range.', 'value-out-of-range');
          return { kind: 'int', value: min };
        }
        if (result.value > max) {
          addErrorOn(this.ctx.reporter, src, 'Integer value out of range.', 'value-out-of-range');
          return { kind: 'uint', value: max };
        }
        return result;
      }
      case 'float':
        if (type.which === 'float32' || type.which === 'float64') return result;
        break;
      case 'text':
        if (type.which === 'text') return result;
        break;
      case 'data':
        if (type.which === 'data') return result;
        break;
      case 'list':
        if (type.which === 'list' && sameType(result.type, type)) return result;
        if (isUnconstrained(type, 'list')) return result;
        break;
      case 'enum':
        if (
          type.which === 'enum' &&
          result.type.which === 'enum' &&
          result.type.typeId === type.typeId
        ) {
          return result;
        }
        break;
      case 'struct':
        if (type.which === 'struct' && sameType(result.type, type)) return result;
        if (isUnconstrained(type, 'struct')) return result;
        break;
      case 'anyPointer':
        break;
    }
    this.#mismatch(src, type);
    return undefined;
  }

  #compileInner(src: Expression, type: Type): DynValue | undefined {
    switch (src.kind) {
      case 'relativeName': {
        const id = src.name.value;
        if (type.which === 'enum') {
          const node = this.ctx.lookup(type.typeId);
          if (node?.which === 'enum') {
            const index = node.enum.enumerants.findIndex((e) => e.name === id);
            if (index >= 0) return { kind: 'enum', type, value: index };
          }
        } else {
          switch (id) {
            case 'void':
              return { kind: 'void' };
            case 'true':
              return { kind: 'bool', value: true };
            case 'false':
              return { kind: 'bool', value: false };
            case 'nan':
              return { kind: 'float', value: Number.NaN };
            case 'inf':
              return { kind: 'float', value: Number.POSITIVE_INFINITY };
          }
        }
        return this.ctx.resolveConstant(src);
      }
      case 'absoluteName':
      case 'import':
      case 'application':
      case 'member':
        return this.ctx.resolveConstant(src);
      case 'embed':
        return this.#embed(src, type);
      case 'positiveInt':
        return { kind: 'uint', value: src.value };
      case 'negativeInt':
        if (src.value > 2n ** 63n) {
          addErrorOn(
            this.ctx.reporter,
            src,
            'Integer is too big to be negative.',
            'value-out-of-range',
          );
          return undefined;
        }
        return { kind: 'int', value: -src.value };
      case 'float':
        return { kind: 'float', value: src.value };
      case 'string':
        return type.which === 'data'
          ? { kind: 'data', bytes: src.bytes }
          : { kind: 'text', bytes: src.bytes };
      case 'binary':
        if (type.which !== 'data') {
          this.#mismatch(src, type);
          return undefined;
        }
        return { kind: 'data', bytes: src.value };
      case 'list': {
        if (type.which !== 'list') {
          this.#mismatch(src, type);
          return undefined;
        }
        const list = ListValueBuilder.create(this.ctx.lookup, type, src.elements.length);
        src.elements.forEach((element, i) => {
          const value = this.compileValue(element, type.elementType);
          if (value !== undefined) list.set(i, value);
        });
        return list.finish();
      }
      case 'tuple': {
        if (type.which !== 'struct') {
          this.#mismatch(src, type);
          return undefined;
        }
        const builder = StructValueBuilder.create(
          this.ctx.lookup,
          type as Type & { which: 'struct' },
        );
        if (builder === undefined) return undefined;
        this.#fillStruct(builder, src.elements);
        return builder.finish();
      }
      case 'unknown':
        return undefined;
    }
  }

  #embed(src: EmbedExpression, type: Type): DynValue | undefined {
    const data = this.ctx.readEmbed(src.path);
    if (data === undefined) return undefined;
    switch (type.which) {
      case 'text':
        return { kind: 'text', bytes: data };
      case 'data':
        return { kind: 'data', bytes: data };
      case 'struct': {
        if (data.length % 8 !== 0) {
          addErrorOn(
            this.ctx.reporter,
            src,
            "Embedded file is not a valid Cap'n Proto message.",
            'type-mismatch',
          );
          return undefined;
        }
        // The file holds a framed message (segment table first), read without limits as the
        // reference does: it is the schema author's own file.
        try {
          const frame = decodeFrame(data, 0, Number.POSITIVE_INFINITY);
          const source = MessageReader.fromSegments(frame.segments, {
            traversalLimitInWords: Number.POSITIVE_INFINITY,
            nestingLimit: Number.POSITIVE_INFINITY,
          });
          return { kind: 'struct', type, source };
        } catch (e) {
          if (!(e instanceof WireError)) throw e;
          addErrorOn(
            this.ctx.reporter,
            src,
            `Embedded file is not a valid Cap'n Proto message: ${e.message}`,
            'type-mismatch',
          );
          return undefined;
        }
      }
      default:
        addErrorOn(
          this.ctx.reporter,
          src,
          'Embeds can only be used when Text, Data, or a struct is expected.',
          'type-mismatch',
        );
        return undefined;
    }
  }

  #fillStruct(builder: StructValueBuilder, assignments: readonly TupleElement[]): void {
    for (const assignment of assignments) {
      if (assignment.name === undefined) {
        addErrorOn(this.ctx.reporter, assignment.value, 'Missing field name.', 'type-mismatch');
        continue;
      }
      const field = builder.findField(assignment.name.value);
      if (field === undefined) {
        addErrorOn(
          this.ctx.reporter,
          assignment.name,
          `Struct has no field named '${assignment.name.value}'.`,
          'not-defined',
        );
        continue;
      }
      if (field.which === 'slot') {
        const value = this.compileValue(assignment.value, builder.fieldType(field));
        if (value !== undefined) builder.set(field, value);
      } else if (assignment.value.kind === 'tuple') {
        const group = builder.initGroup(field);
        if (group !== undefined) this.#fillStruct(group, assignment.value.elements);
      } else {
        addErrorOn(
          this.ctx.reporter,
          assignment.value,
          'Type mismatch; expected group.',
          'type-mismatch',
        );
      }
    }
  }
}

function isUnconstrained(type: Type, kind: 'list' | 'struct'): boolean {
  return (
    type.which === 'anyPointer' &&
    type.anyPointer.which === 'unconstrained' &&
    (type.anyPointer.kind === 'anyKind' || type.anyPointer.kind === kind)
  );
}
