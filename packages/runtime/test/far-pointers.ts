/**
 * Far pointers of well-formed messages (encoding spec, "Inter-Segment Pointers"), written
 * independently of the wire package: a census, so the tests can show that their fixtures really
 * exercise single and double far pointers, and a rewrite of single into double far pointers
 * (the reference's `convert --segment-size` only writes single ones).
 */
export interface FarPointerCensus {
  single: number;
  double: number;
}

/** Where a single far pointer is, and what its landing pad says. */
interface SingleFar {
  seg: number;
  word: number;
  padSeg: number;
  pad: number;
  padLower: number;
  padUpper: number;
}

/** The far pointers reachable from the root of the message made of `segments`. */
export function farPointerCensus(segments: readonly Uint8Array[]): FarPointerCensus {
  const census = { single: 0, double: 0 };
  walk(segments, census, []);
  return census;
}

/**
 * Words of every object reachable from the root (structs, lists with their tags), without the
 * root pointer and landing pads: what the reference's `totalSize()` counts.
 */
export function contentWords(segments: readonly Uint8Array[]): number {
  return walk(segments, { single: 0, double: 0 }, []);
}

/**
 * A copy of the message whose single far pointers are all double far pointers: a new last
 * segment holds, per pointer, a far pointer to the object and its tag.
 */
export function withDoubleFarPointers(segments: readonly Uint8Array[]): Uint8Array[] {
  const singles: SingleFar[] = [];
  walk(segments, { single: 0, double: 0 }, singles);
  const out = segments.map((s) => s.slice());
  const pads = new Uint8Array(singles.length * 16);
  const padView = new DataView(pads.buffer);
  const id = segments.length;
  singles.forEach((f, i) => {
    const object = f.pad + 1 + (f.padLower >> 2);
    padView.setUint32(i * 16, ((object << 3) | 2) >>> 0, true);
    padView.setUint32(i * 16 + 4, f.padSeg, true);
    padView.setUint32(i * 16 + 8, f.padLower & 3, true);
    padView.setUint32(i * 16 + 12, f.padUpper, true);
    const seg = out[f.seg] as Uint8Array;
    const view = new DataView(seg.buffer, seg.byteOffset, seg.byteLength);
    view.setUint32(f.word * 8, (((i * 2) << 3) | 6) >>> 0, true);
    view.setUint32(f.word * 8 + 4, id, true);
  });
  out.push(pads);
  return out;
}

// Visits every pointer reachable from the root; returns the words of the objects reached.
function walk(
  segments: readonly Uint8Array[],
  census: FarPointerCensus,
  singles: SingleFar[],
): number {
  let words = 0;
  const views = segments.map((s) => new DataView(s.buffer, s.byteOffset, s.byteLength));
  const visit = (seg: number, word: number): void => {
    const view = views[seg] as DataView;
    let lower = view.getUint32(word * 8, true);
    let upper = view.getUint32(word * 8 + 4, true);
    if (lower === 0 && upper === 0) return;
    let targetSeg = seg;
    let target: number;
    if ((lower & 3) === 2) {
      const padSeg = upper;
      const pad = lower >>> 3;
      const padView = views[padSeg] as DataView;
      if ((lower & 4) === 0) {
        census.single++;
        lower = padView.getUint32(pad * 8, true);
        upper = padView.getUint32(pad * 8 + 4, true);
        singles.push({ seg, word, padSeg, pad, padLower: lower, padUpper: upper });
        targetSeg = padSeg;
        target = pad + 1 + (lower >> 2);
      } else {
        census.double++;
        targetSeg = padView.getUint32(pad * 8 + 4, true);
        target = padView.getUint32(pad * 8, true) >>> 3;
        lower = padView.getUint32(pad * 8 + 8, true);
        upper = padView.getUint32(pad * 8 + 12, true);
      }
    } else {
      target = word + 1 + (lower >> 2);
    }
    if ((lower & 3) === 0) {
      const data = upper & 0xffff;
      const pointers = upper >>> 16;
      words += data + pointers;
      for (let i = 0; i < pointers; i++) visit(targetSeg, target + data + i);
    } else if ((lower & 3) === 1) {
      const size = upper & 7;
      const count = upper >>> 3;
      if (size === 7) {
        words += count + 1;
        const tv = views[targetSeg] as DataView;
        const length = tv.getUint32(target * 8, true) >>> 2;
        const tagUpper = tv.getUint32(target * 8 + 4, true);
        const data = tagUpper & 0xffff;
        const pointers = tagUpper >>> 16;
        for (let e = 0; e < length; e++) {
          for (let i = 0; i < pointers; i++) {
            visit(targetSeg, target + 1 + e * (data + pointers) + data + i);
          }
        }
      } else {
        words += Math.ceil((count * ([0, 1, 8, 16, 32, 64, 64][size] as number)) / 64);
        if (size === 6) for (let i = 0; i < count; i++) visit(targetSeg, target + i);
      }
    }
  };
  visit(0, 0);
  return words;
}

/** The segments of a message in the standard framing (no checks: goldens are well formed). */
export function framedSegments(bytes: Uint8Array): Uint8Array[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const count = view.getUint32(0, true) + 1;
  let at = 4 * (count + 1) + ((count + 1) % 2) * 4;
  const out: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    const size = view.getUint32(4 + i * 4, true) * 8;
    out.push(bytes.subarray(at, at + size));
    at += size;
  }
  return out;
}
