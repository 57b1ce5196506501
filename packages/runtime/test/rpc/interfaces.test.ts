import { join } from 'node:path';
import * as capnp from '@capnp-kit/runtime';
import { describe, expect, it } from 'vitest';
import { type Any, expectEmptyTables, memoryPair } from './support.js';

const features: Any = capnp.load(join(import.meta.dirname, 'schema/features.capnp'));

class DerivedImpl extends features.Derived.Server {
  name() {
    return 'derived';
  }
  twice({ x }: Any) {
    return 2 * x;
  }
}

class TextBox extends features.Box(capnp.Text).Server {
  value = '';
  set({ value }: Any) {
    this.value = value;
  }
  get() {
    return this.value;
  }
}

class PointBox extends features.Box(features.Point).Server {
  value: Any = { x: 0, y: 0 };
  set({ value }: Any) {
    this.value = value.toObject();
  }
  get() {
    return this.value;
  }
}

class ConventionsImpl extends features.Conventions.Server {
  readonly other = new DerivedImpl();
  single() {
    return 7; // the single result
  }
  pair() {
    return [1, 'one']; // results in order
  }
  point() {
    return { x: 3, y: 4 }; // a struct result as an object
  }
  derived() {
    return this.other; // a Server where the result is an interface
  }
  nothing() {}
  viaContext_context(context: Any) {
    context.results.y = context.params.x + 1;
  }
  async tail({ x }: Any, context: Any) {
    const request = localClient(this.other).twiceRequest();
    request.x = x;
    return context.tailCall(request);
  }
  params({ a, b, c }: Any) {
    return { summary: `${a}/${b}/${c.toArray().join(',')}` }; // an object of result fields
  }
  released({ x }: Any, context: Any) {
    context.releaseParams();
    expect(() => context.params).toThrow('The params were released');
    return x;
  }
  boxes() {
    return [new TextBox(), new PointBox()];
  }
}

/** A client of a local server, by way of a message's capability field. */
function localClient(server: Any): Any {
  return features.Holder.newMessage({ derived: server }).derived;
}

describe('interfaces', () => {
  it('gives each interface one Server class and one Client class', () => {
    expect(features.Derived.Server).toBe(features.Derived.Server);
    expect(features.Derived.Client).toBe(features.Derived.Client);
    expect(new DerivedImpl()).toBeInstanceOf(capnp.Server);
    expect(features.Derived.Server.name).toBe('Derived.Server');
    expect(features.Derived.schema.methods.twice.ordinal).toBe(0);
    expect(() => features.Derived(capnp.Text)).toThrow('Derived is not generic.');
  });

  it('calls inherited methods; castAs views a capability as another interface', async () => {
    const { client, server } = memoryPair({ bootstrap: new DerivedImpl() });
    {
      const d = client.bootstrap().castAs(features.Derived);
      expect(d).toBeInstanceOf(features.Derived.Client);
      expect(d).toBeInstanceOf(capnp.Capability);
      expect((await d.twice(21)).y).toBe(42);
      expect((await d.name()).name).toBe('derived');
      const b = d.castAs(features.Base);
      expect((await b.name()).name).toBe('derived');
      expect(() => d.castAs(features.Point)).toThrow('castAs(…) takes an interface type');
      d.release();
    }
    await expectEmptyTables([client.connection, server]);
    await client.close();
  });

  it('applies generic parameters to interfaces (Box(Text), Box(Point))', async () => {
    const { client, server } = memoryPair({ bootstrap: new ConventionsImpl() });
    {
      using c = client.bootstrap().castAs(features.Conventions);
      using p = c.boxes();
      using text = p.text;
      using point = p.point;
      await text.set('hello');
      expect((await text.get()).value).toBe('hello');
      await point.set({ x: 5, y: -6 });
      expect((await point.get()).value.toObject()).toEqual({ x: 5, y: -6 });
      expect(features.Box(capnp.Text).Server).toBe(features.Box(capnp.Text).Server);
      expect(features.Box(capnp.Text).Server).not.toBe(features.Box(features.Point).Server);
    }
    await expectEmptyTables([client.connection, server]);
    await client.close();
  });

  it('follows the return conventions of server methods', async () => {
    const { client, server } = memoryPair({ bootstrap: new ConventionsImpl() });
    {
      using c = client.bootstrap().castAs(features.Conventions);
      expect((await c.single()).value).toBe(7);
      expect((await c.pair()).toObject()).toEqual({ a: 1, b: 'one' });
      expect((await c.point()).p.toObject()).toEqual({ x: 3, y: 4 });
      using dp = c.derived();
      using d = dp.d;
      expect((await d.twice(5)).y).toBe(10);
      expect((await c.nothing()).toObject()).toEqual({});
      expect((await c.viaContext(9)).y).toBe(10);
      expect((await c.params(1, 'b', [2, 3])).summary).toBe('1/b/2,3');
      expect((await c.released(11)).y).toBe(11);
    }
    await expectEmptyTables([client.connection, server]);
    await client.close();
  });

  it('answers a call with a tail call’s results', async () => {
    const { client } = memoryPair({ bootstrap: new ConventionsImpl() });
    using c = client.bootstrap().castAs(features.Conventions);
    expect((await c.tail(8)).y).toBe(16);
    await client.close();
  });

  it('reports a return value that does not fit the results', async () => {
    class Wrong extends features.Conventions.Server {
      pair() {
        return 5;
      }
      params() {
        return { nope: 1 };
      }
    }
    const { client } = memoryPair({ bootstrap: new Wrong() });
    using c = client.bootstrap().castAs(features.Conventions);
    await expect(c.pair()).rejects.toMatchObject({
      message:
        'pair returned a number, but it has 2 results (a, b): return an object of them or an array.',
    });
    await expect(c.params(1, '', [])).rejects.toMatchObject({
      message: "params returned a result 'nope'; its results are: summary.",
    });
    await client.close();
  });

  it('sends a request once, and takes call options after the params', async () => {
    const { client } = memoryPair({ bootstrap: new ConventionsImpl() });
    using c = client.bootstrap().castAs(features.Conventions);
    const request = c.viaContextRequest();
    request.x = 1;
    expect((await request.send()).y).toBe(2);
    expect(() => request.send()).toThrow('A request can be sent only once.');
    const controller = new AbortController();
    expect((await c.viaContext(2, { signal: controller.signal })).y).toBe(3);
    expect(() => c.viaContext(1, 2)).toThrow(
      'viaContext(x) takes 1 params and then call options ({ signal }); got 2 arguments.',
    );
    await client.close();
  });

  it('runs calls on local servers without any connection', async () => {
    const d = localClient(new DerivedImpl());
    expect(d).toBeInstanceOf(features.Derived.Client);
    expect((await d.twice(4)).y).toBe(8);
    using p = d.twice(1);
    expect((await p).y).toBe(2);
    d.release();
  });
});

describe('capabilities in AnyPointer fields', () => {
  it('are written with setAs(Interface, …) and read with getAs(Interface)', async () => {
    const b = features.Anything.newMessage();
    expect(b.any.getAs(features.Derived)).toBeNull();
    b.any.setAs(features.Derived, new DerivedImpl());
    expect(b.any.kind).toBe('capability');
    const fromBuilder = b.any.getAs(features.Derived);
    expect((await fromBuilder.twice(21)).y).toBe(42);
    const fromReader = b.asReader().any.getAs(features.Derived);
    expect((await fromReader.name()).name).toBe('derived');
    fromBuilder.release();
    fromReader.release();
    b.any.setAs(features.Derived, null);
    expect(b.any.kind).toBe('null');
  });
});
