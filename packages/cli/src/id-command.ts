import { formatId, randomId } from '@capnp-kit/compiler';

/** `capnp-kit id`: prints a fresh random file ID, as `capnp id` does. */
export function idCommand(): number {
  process.stdout.write(`@${formatId(randomId())}\n`);
  return 0;
}
