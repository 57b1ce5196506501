/**
 * Struct layout: where each field of a struct lives in its data and pointer sections. This is
 * the reference algorithm (node-translator.c++ `StructLayout`), reproduced exactly because
 * offsets are part of the wire format: fields are placed in ordinal order; data fields fill the
 * smallest power-of-two hole that fits; the members of a union share space, each member
 * ("group") reusing the union's locations before asking for more.
 *
 * Sizes are given as lg2 of the bit width: Bool 0, 8-bit 3, 16-bit 4, 32-bit 5, 64-bit 6.
 * Offsets are returned in units of the field's own size.
 */

/**
 * Thrown when the reference would refuse the schema (its "issue 344" assertion). The reference
 * aborts the whole compile there, so the compiler reports it and stops too.
 */
export class Issue344Error extends Error {
  override readonly name = 'Issue344Error';
  constructor() {
    super(
      "Bad news: Cap'n Proto 0.5.x and previous contained a bug which would cause this schema to be compiled incorrectly. Please see: https://github.com/sandstorm-io/capnproto/issues/344",
    );
  }
}

/**
 * At most one free hole of each size 2^0..2^5 bits, each stored as its offset in units of its
 * own size (0 = no hole: offset 0 is never a hole, since something was allocated there first).
 */
class HoleSet {
  readonly holes = [0, 0, 0, 0, 0, 0];

  /** Takes a hole of exactly 2^lg bits, splitting a larger one if needed; -1 if none. */
  tryAllocate(lg: number): number {
    if (lg >= 6) return -1;
    const hole = this.holes[lg] as number;
    if (hole !== 0) {
      this.holes[lg] = 0;
      return hole;
    }
    const next = this.tryAllocate(lg + 1);
    if (next < 0) return -1;
    const result = next * 2;
    this.holes[lg] = result + 1;
    return result;
  }

  /** Records the holes left after allocating 2^lg bits at the start of a 2^limit region. */
  addHolesAtEnd(lg: number, offset: number, limit = 6): void {
    while (lg < limit) {
      this.holes[lg] = offset;
      lg++;
      offset = (offset + 1) >>> 1;
    }
  }

  /** Grows the allocation of 2^oldLg bits at `oldOffset` in place by a factor 2^factor. */
  tryExpand(oldLg: number, oldOffset: number, factor: number): boolean {
    if (factor === 0) return true;
    if (oldLg === 6) return false;
    if (this.holes[oldLg] !== oldOffset + 1) return false;
    if (this.tryExpand(oldLg + 1, oldOffset >>> 1, factor - 1)) {
      this.holes[oldLg] = 0;
      return true;
    }
    return false;
  }

  /** The smallest hole size ≥ lg, or -1. */
  smallestAtLeast(lg: number): number {
    for (let i = lg; i < 6; i++) if (this.holes[i] !== 0) return i;
    return -1;
  }
}

/** Where fields of one scope are allocated: the struct itself, or a member of a union. */
export interface StructOrGroup {
  addVoid(): void;
  addData(lg: number): number;
  addPointer(): number;
  tryExpandData(oldLg: number, oldOffset: number, factor: number): boolean;
}

/** The struct's own sections. */
export class TopLayout implements StructOrGroup {
  dataWordCount = 0;
  pointerCount = 0;
  readonly #holes = new HoleSet();

  addVoid(): void {}

  addData(lg: number): number {
    const hole = this.#holes.tryAllocate(lg);
    if (hole >= 0) return hole;
    const offset = this.dataWordCount++ << (6 - lg);
    this.#holes.addHolesAtEnd(lg, offset + 1);
    return offset;
  }

  addPointer(): number {
    return this.pointerCount++;
  }

  tryExpandData(oldLg: number, oldOffset: number, factor: number): boolean {
    return this.#holes.tryExpand(oldLg, oldOffset, factor);
  }
}

/** A region a union got from its parent: 2^lg bits at `offset` (in units of 2^lg). */
interface DataLocation {
  lg: number;
  offset: number;
}

/** A union: the space its members share, and its discriminant. */
export class UnionLayout {
  groupCount = 0;
  discriminantOffset: number | undefined;
  readonly dataLocations: DataLocation[] = [];
  readonly pointerLocations: number[] = [];

  constructor(readonly parent: StructOrGroup) {}

  addNewDataLocation(lg: number): number {
    const offset = this.parent.addData(lg);
    this.dataLocations.push({ lg, offset });
    return offset;
  }

  addNewPointerLocation(): number {
    const p = this.parent.addPointer();
    this.pointerLocations.push(p);
    return p;
  }

  /**
   * A member got its first field. The discriminant is allocated as soon as a second member has
   * one, so it lands right after what the first member took.
   */
  newGroupAddingFirstMember(): void {
    if (++this.groupCount === 2) this.addDiscriminant();
  }

  /** Allocates the 16-bit discriminant unless already done; false if it was. */
  addDiscriminant(): boolean {
    if (this.discriminantOffset !== undefined) return false;
    this.discriminantOffset = this.parent.addData(4);
    return true;
  }

  expandLocation(location: DataLocation, newLg: number): boolean {
    if (newLg <= location.lg) return true;
    if (this.parent.tryExpandData(location.lg, location.offset, newLg - location.lg)) {
      location.offset >>>= newLg - location.lg;
      location.lg = newLg;
      return true;
    }
    return false;
  }
}

/** How one union member uses one of the union's data locations. */
class LocationUsage {
  isUsed: boolean;
  lgUsed: number;
  readonly holes = new HoleSet();

  constructor(lg?: number) {
    this.isUsed = lg !== undefined;
    this.lgUsed = lg ?? 0;
  }

  smallestHoleAtLeast(location: DataLocation, lg: number): number {
    if (!this.isUsed) return lg <= location.lg ? location.lg : -1;
    if (lg >= this.lgUsed) return lg < location.lg ? lg : -1;
    const hole = this.holes.smallestAtLeast(lg);
    if (hole >= 0) return hole;
    return this.lgUsed < location.lg ? this.lgUsed : -1;
  }

  allocateFromHole(location: DataLocation, lg: number): number {
    let result: number;
    if (!this.isUsed) {
      result = 0;
      this.isUsed = true;
      this.lgUsed = lg;
    } else if (lg >= this.lgUsed) {
      this.holes.addHolesAtEnd(this.lgUsed, 1, lg);
      this.lgUsed = lg + 1;
      result = 1;
    } else {
      const hole = this.holes.tryAllocate(lg);
      if (hole >= 0) result = hole;
      else {
        result = 1 << (this.lgUsed - lg);
        this.holes.addHolesAtEnd(lg, result + 1, this.lgUsed);
        this.lgUsed += 1;
      }
    }
    return (location.offset << (location.lg - lg)) + result;
  }

  tryAllocateByExpanding(union: UnionLayout, location: DataLocation, lg: number): number {
    if (!this.isUsed) {
      if (!union.expandLocation(location, lg)) return -1;
      this.isUsed = true;
      this.lgUsed = lg;
      return location.offset << (location.lg - lg);
    }
    const newSize = Math.max(this.lgUsed, lg) + 1;
    if (!this.tryExpandUsage(union, location, newSize, true)) return -1;
    const hole = this.holes.tryAllocate(lg);
    return (location.offset << (location.lg - lg)) + hole;
  }

  tryExpand(
    union: UnionLayout,
    location: DataLocation,
    oldLg: number,
    oldOffset: number,
    factor: number,
  ): boolean {
    if (oldOffset === 0 && this.lgUsed === oldLg) {
      return this.tryExpandUsage(union, location, oldLg + factor, false);
    }
    return this.holes.tryExpand(oldLg, oldOffset, factor);
  }

  tryExpandUsage(
    union: UnionLayout,
    location: DataLocation,
    desired: number,
    newHoles: boolean,
  ): boolean {
    if (desired > location.lg && !union.expandLocation(location, desired)) return false;
    if (newHoles) this.holes.addHolesAtEnd(this.lgUsed, 1, desired);
    else throw new Issue344Error();
    this.lgUsed = desired;
    return true;
  }
}

/**
 * One member of a union (a field alone, a group, or a nested named union): it allocates from
 * the union's shared locations, growing them or adding new ones when nothing fits.
 */
export class GroupLayout implements StructOrGroup {
  readonly #usage: LocationUsage[] = [];
  #pointersUsed = 0;
  #hasMembers = false;

  constructor(readonly union: UnionLayout) {}

  #addMember(): void {
    if (!this.#hasMembers) {
      this.#hasMembers = true;
      this.union.newGroupAddingFirstMember();
    }
  }

  addVoid(): void {
    this.#addMember();
    this.union.parent.addVoid();
  }

  addData(lg: number): number {
    this.#addMember();
    const locations = this.union.dataLocations;
    let bestSize = Number.POSITIVE_INFINITY;
    let best = -1;
    for (let i = 0; i < locations.length; i++) {
      if (this.#usage.length === i) this.#usage.push(new LocationUsage());
      const hole = (this.#usage[i] as LocationUsage).smallestHoleAtLeast(
        locations[i] as DataLocation,
        lg,
      );
      if (hole >= 0 && hole < bestSize) {
        bestSize = hole;
        best = i;
      }
    }
    if (best >= 0) {
      return (this.#usage[best] as LocationUsage).allocateFromHole(
        locations[best] as DataLocation,
        lg,
      );
    }
    for (let i = 0; i < locations.length; i++) {
      const result = (this.#usage[i] as LocationUsage).tryAllocateByExpanding(
        this.union,
        locations[i] as DataLocation,
        lg,
      );
      if (result >= 0) return result;
    }
    const result = this.union.addNewDataLocation(lg);
    this.#usage.push(new LocationUsage(lg));
    return result;
  }

  addPointer(): number {
    this.#addMember();
    const shared = this.union.pointerLocations;
    if (this.#pointersUsed < shared.length) return shared[this.#pointersUsed++] as number;
    this.#pointersUsed++;
    return this.union.addNewPointerLocation();
  }

  tryExpandData(oldLg: number, oldOffset: number, factor: number): boolean {
    // A misaligned or wider-than-a-word expansion can never be right; the reference asserts
    // rather than refuse it quietly.
    const mustFail = oldLg + factor > 6 || (oldOffset & ((1 << factor) - 1)) !== 0;
    const locations = this.union.dataLocations;
    for (let i = 0; i < this.#usage.length; i++) {
      const location = locations[i] as DataLocation;
      if (location.lg >= oldLg && oldOffset >>> (location.lg - oldLg) === location.offset) {
        const local = oldOffset - (location.offset << (location.lg - oldLg));
        const result = (this.#usage[i] as LocationUsage).tryExpand(
          this.union,
          location,
          oldLg,
          local,
          factor,
        );
        if (mustFail && result) throw new Issue344Error();
        return result;
      }
    }
    throw new Error('layout: tried to expand a field that was never allocated');
  }
}
