import { DEFAULT_READER_OPTIONS, type ReaderOptions, resolveReaderOptions } from '@capnp-kit/wire';

export type { ReaderOptions };
export { DEFAULT_READER_OPTIONS };

/** Reader options with the defaults filled in (8 Mi words, nesting 64: the reference's). */
export function readerOptions(options?: Partial<ReaderOptions>): ReaderOptions {
  return resolveReaderOptions(options);
}
