/// <reference lib="esnext.disposable" />
import { MessageReader, readStructPointer, Segment } from '@capnp-kit/wire';
import type { StructClasses } from '../registry.js';
import type { ReaderClass, StructReaderBase } from '../struct-base.js';
import type { Response } from './client-hook.js';

/**
 * The results of a call as the caller reads them: a reader of the results struct that also
 * owns the results' capabilities. `using r = await p` (or `r[Symbol.dispose]()`) releases
 * them; clients already read from it keep their own references.
 */

type ResponseReader = StructReaderBase & { _response: Response };

const classes = new WeakMap<ReaderClass, ReaderClass>();

function responseClass(Reader: ReaderClass): ReaderClass {
  let c = classes.get(Reader);
  if (c === undefined) {
    c = class extends (Reader as new (...args: ConstructorParameters<ReaderClass>) => object) {
      [Symbol.dispose](): void {
        (this as unknown as ResponseReader)._response.release();
      }
    } as unknown as ReaderClass;
    classes.set(Reader, c);
  }
  return c;
}

const EMPTY_SEGMENT = new Segment(0, new Uint8Array(8));
const EMPTY_MESSAGE = new MessageReader([EMPTY_SEGMENT]);

/** The typed reader of a response's results (all defaults when the content is a null pointer). */
export function readResponse(response: Response, results: StructClasses): StructReaderBase {
  const Class = responseClass(results.Reader);
  const p = response.payload;
  const reader =
    readStructPointer(p.message, p.segment, p.byte, p.message.nestingLimit, Class) ??
    new Class(EMPTY_MESSAGE, EMPTY_SEGMENT, 0, 0, 0, 0, 64);
  (reader as ResponseReader)._response = response;
  return reader;
}
