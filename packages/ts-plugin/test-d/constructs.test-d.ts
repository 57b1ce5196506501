/**
 * The schema constructs beyond the quickstart's (constructs.capnp): every built-in type,
 * constants as literal types, lists of lists, AnyPointer, generics, types of an imported schema,
 * and names that clash with the generated helper types.
 */
import { AnyPointer, Data, List, Text } from '@capnp-kit/runtime';
import { expectTypeOf } from 'vitest';
import c, {
  answer,
  Box,
  bytes,
  delete as deleteConst,
  enabled,
  favourite,
  greeting,
  Holder,
  notANumber,
  type Outer,
  origin,
  type Pair,
  Point,
  primes,
  ratio,
  Scalars,
} from './constructs.capnp';

// Constants: literal types where the value has one.
expectTypeOf(answer).toEqualTypeOf<-42n>();
expectTypeOf(ratio).toEqualTypeOf<0.5>();
expectTypeOf(notANumber).toEqualTypeOf<number>();
expectTypeOf(greeting).toEqualTypeOf<'hi "there"'>();
expectTypeOf(enabled).toEqualTypeOf<true>();
expectTypeOf(bytes).toEqualTypeOf<Uint8Array>();
expectTypeOf(favourite).toEqualTypeOf<'circle'>();
expectTypeOf(origin).toEqualTypeOf<Point.Reader>();
expectTypeOf(primes.get(0)).toEqualTypeOf<number>();
expectTypeOf(deleteConst).toEqualTypeOf<7>();
expectTypeOf(c.delete).toEqualTypeOf<7>();
expectTypeOf(c.Scalars.limit).toEqualTypeOf<10>();

// Every built-in type: readers give, builders take.
const s = Scalars.newMessage({ big: 1, huge: 2n, blob: [1, 2], nothing: null });
expectTypeOf(s.big).toEqualTypeOf<bigint>();
s.big = 5;
s.huge = 5n;
// @ts-expect-error -- Int64 takes numbers and bigints, not strings
s.big = '5';
expectTypeOf(s.small).toEqualTypeOf<number>();
expectTypeOf(s.flag).toEqualTypeOf<boolean>();
expectTypeOf(s.real).toEqualTypeOf<number>();
expectTypeOf(s.blob).toEqualTypeOf<Uint8Array>();
s.blob = new Uint8Array(2);
expectTypeOf(s.init('blob', 4)).toEqualTypeOf<Uint8Array>();
expectTypeOf(s.nothing).toEqualTypeOf<null>();
expectTypeOf(s.toObject().big).toEqualTypeOf<bigint>();
expectTypeOf(s.toObject({ int64: 'string' }).big).toEqualTypeOf<string>();
expectTypeOf(s.toObject({ data: 'base64' }).blob).toEqualTypeOf<string | undefined>();

// Lists of lists, of enums, of Text; structs of the imported schema.
const matrix = s.init('matrix', 2);
expectTypeOf(matrix.init(0, 3)).toEqualTypeOf<
  import('@capnp-kit/runtime').ListBuilder<number, number | bigint>
>();
expectTypeOf(s.asReader().matrix.get(0).get(0)).toEqualTypeOf<number>();
s.kinds = ['circle', 'polygon'];
// @ts-expect-error -- not an enumerant of Shape.Kind
s.kinds = ['square'];
s.names = ['a', 'b'];
s.shape = { sides: 3, kind: 'polygon' };
expectTypeOf(s.shape.kind).toEqualTypeOf<'polygon' | 'circle' | number>();

// AnyPointer: typed views through type tokens.
const any = s.init('anything');
expectTypeOf(any.initAs(Point)).toEqualTypeOf<Point.Builder>();
any.setAs(Text, 'text');
expectTypeOf(any.asReader().getAs(Text)).toEqualTypeOf<string>();
expectTypeOf(any.asReader().getAs(List(Text))).toEqualTypeOf<
  import('@capnp-kit/runtime').ListReader<string>
>();
expectTypeOf(s.asReader().anything.getAs(Point)).toEqualTypeOf<Point.Reader>();
expectTypeOf(any.getAs(AnyPointer)).toEqualTypeOf<import('@capnp-kit/runtime').AnyBuilder>();

// Generics: bound by fields (Box(Text)) and by applying types to the struct type.
const h = Holder.newMessage();
h.textBox.value = 'x';
expectTypeOf(h.textBox.value).toEqualTypeOf<string>();
// @ts-expect-error -- Box(Text) holds Text
h.textBox.value = 1;
h.pointBox.value = { z: 1 };
expectTypeOf(h.pair.value).toEqualTypeOf<
  import('@capnp-kit/runtime').ListBuilder<number, number | bigint>
>();
expectTypeOf(h.asReader().outerInner.item).toEqualTypeOf<Uint8Array>();
const dataBox = Box(Data).newMessage({ value: new Uint8Array(1) });
expectTypeOf(dataBox.value).toEqualTypeOf<Uint8Array>();
expectTypeOf(Box(Point).fromBytes(new Uint8Array()).value).toEqualTypeOf<Point.Reader>();
expectTypeOf(c.Pair(Text, List(Point)).newMessage().value.get(0)).toEqualTypeOf<Point.Builder>();
// Unbound, a parameter is an AnyPointer.
expectTypeOf(Box.newMessage().value).toEqualTypeOf<import('@capnp-kit/runtime').AnyBuilder>();
expectTypeOf(c.Outer(Text).Inner.newMessage().item).toEqualTypeOf<string>();
type TextPair = Pair.Reader<import('@capnp-kit/runtime').BuiltinValues['text']>;
expectTypeOf<TextPair['key']>().toEqualTypeOf<string>();
expectTypeOf<Outer.Inner.Reader['item']>().toEqualTypeOf<import('@capnp-kit/runtime').AnyReader>();

// Unnamed unions at the struct's top level.
const which = h.which();
if (which === 'point') expectTypeOf(h.point).toEqualTypeOf<Holder.Point.Builder>();
// @ts-expect-error -- not a member of the union
if (which === 'pointBox') throw new Error();
expectTypeOf(h.init('point')).toEqualTypeOf<Holder.Point.Builder>();

// A nested struct named Init keeps its name; the helper type moves aside. A nested Point
// shadows the top-level one inside Holder, which is still reachable where the schema uses it.
expectTypeOf(h.ownInit).toEqualTypeOf<Holder.Init.Builder>();
Holder.newMessage({ ownInit: { point: { z: 1 } } } satisfies Holder.$Init);
expectTypeOf(h.localPoint.z).toEqualTypeOf<number>();
expectTypeOf(h.topPoint.x).toEqualTypeOf<number>();
