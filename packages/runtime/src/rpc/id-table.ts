/**
 * A table of entries under small integer IDs chosen by this side (questions, exports,
 * embargoes): freed IDs are reused, most recently freed first, so IDs stay small and the table
 * dense. The peer must accept an ID again right after it was freed (as C++ does).
 */
export class IdTable<T> {
  #slots: (T | undefined)[] = [];
  #free: number[] = [];
  #size = 0;

  /** Adds `value` under a free ID and returns the ID. */
  add(value: T): number {
    const id = this.#free.pop() ?? this.#slots.length;
    this.#slots[id] = value;
    this.#size++;
    return id;
  }

  get(id: number): T | undefined {
    return this.#slots[id];
  }

  /** Removes the entry under `id` (its ID becomes free); returns it. */
  delete(id: number): T | undefined {
    const value = this.#slots[id];
    if (value === undefined) return undefined;
    this.#slots[id] = undefined;
    this.#free.push(id);
    this.#size--;
    return value;
  }

  get size(): number {
    return this.#size;
  }

  /** The entries (a snapshot). */
  values(): T[] {
    return this.#slots.filter((v): v is T => v !== undefined);
  }

  clear(): void {
    this.#slots = [];
    this.#free = [];
    this.#size = 0;
  }
}
