import type { Value } from '@capnp-kit/compiler/schema';

const scratch = new DataView(new ArrayBuffer(8));

/**
 * The raw bits a default value stores: data fields are stored XOR their default (encoding spec).
 */
export function defaultBits(v: Value): bigint {
  switch (v.which) {
    case 'bool':
      return v.value ? 1n : 0n;
    case 'int8':
      return BigInt.asUintN(8, BigInt(v.value));
    case 'int16':
      return BigInt.asUintN(16, BigInt(v.value));
    case 'int32':
      return BigInt.asUintN(32, BigInt(v.value));
    case 'uint8':
    case 'uint16':
    case 'uint32':
    case 'enum':
      return BigInt(v.value);
    case 'int64':
      return BigInt.asUintN(64, v.value);
    case 'uint64':
      return v.value;
    case 'float32':
      scratch.setFloat32(0, v.value, true);
      return BigInt(scratch.getUint32(0, true));
    case 'float64':
      scratch.setFloat64(0, v.value, true);
      return scratch.getBigUint64(0, true);
    default:
      return 0n;
  }
}
