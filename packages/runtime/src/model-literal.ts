/**
 * JavaScript source for a schema-model value (a CodeGeneratorRequest and everything in it):
 * what a schema's module hands `loadCompiled`, so that loading needs no CodeGeneratorRequest
 * decoder (the runtime's browser entry leaves it out). Evaluating the source gives back an
 * equal value: the same keys in the same order, bigints, `Uint8Array`s, `-0` and NaN included.
 */
export function modelLiteral(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return String(value);
    case 'undefined':
      return 'undefined';
    case 'number':
      // String(-0) is "0"; NaN and the infinities are globals, not JSON.
      return Object.is(value, -0) ? '-0' : String(value);
    case 'bigint':
      return value < 0n ? `-0x${(-value).toString(16)}n` : `0x${value.toString(16)}n`;
    case 'object': {
      if (value === null) return 'null';
      if (value instanceof Uint8Array) return `new Uint8Array([${value.join(',')}])`;
      if (Array.isArray(value)) return `[${value.map(modelLiteral).join(',')}]`;
      if (Object.getPrototypeOf(value) === Object.prototype) {
        const entries = Object.entries(value).map(([k, v]) => `${key(k)}:${modelLiteral(v)}`);
        return `{${entries.join(',')}}`;
      }
      break;
    }
  }
  throw new TypeError(`Not a schema-model value: ${Object.prototype.toString.call(value)}`);
}

function key(name: string): string {
  // `__proto__: x` in a literal sets the prototype instead of defining a key; quoting does not
  // help, a computed key does.
  if (name === '__proto__') return '["__proto__"]';
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name);
}
