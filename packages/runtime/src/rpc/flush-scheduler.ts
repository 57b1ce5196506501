/**
 * When a transport writes what was queued: after the current turn of the event loop
 * (`setImmediate` in Node), so that everything a burst of calls or a chain of local results
 * produced goes out in one write — a pipelined chain of calls answered by one server becomes a
 * few packets rather than one per message. Where there is no `setImmediate` (browsers), after
 * the current microtasks.
 */
export const scheduleFlush: (flush: () => void) => void =
  typeof globalThis.setImmediate === 'function'
    ? (flush) => {
        globalThis.setImmediate(flush);
      }
    : (flush) => queueMicrotask(flush);
