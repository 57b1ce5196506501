/**
 * The order in which the reference writes `sourceInfo`: iteration order of a libstdc++ (GCC)
 * `std::unordered_map<uint64_t, …>` after the compiler's inserts. That order is deterministic:
 * identity hash, bucket = key mod bucket count, one linked list of all nodes where a key joins
 * the front of its bucket's run (or the front of the whole list if its bucket was empty), and a
 * rehash to the next prime of libstdc++'s table when the element count exceeds the bucket count.
 */

// libstdc++'s `__prime_list` from index 6 (what `_M_next_bkt` searches) up to 2^32. Beyond a
// few million source infos the exact table no longer matters for any realistic schema.
const PRIMES = [
  17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97, 103, 109, 113, 127,
  137, 139, 149, 157, 167, 179, 193, 199, 211, 227, 241, 257, 277, 293, 313, 337, 359, 383, 409,
  439, 467, 503, 541, 577, 619, 661, 709, 761, 823, 887, 953, 1031, 1109, 1193, 1289, 1381, 1493,
  1613, 1741, 1879, 2029, 2179, 2357, 2549, 2753, 2971, 3209, 3469, 3739, 4027, 4349, 4703, 5087,
  5503, 5953, 6427, 6949, 7517, 8123, 8783, 9497, 10273, 11113, 12011, 12983, 14033, 15173, 16411,
  17749, 19183, 20753, 22447, 24281, 26267, 28411, 30727, 33223, 35933, 38873, 42043, 45481, 49201,
  53201, 57557, 62233, 67307, 72817, 78779, 85229, 92203, 99733, 107897, 116731, 126271, 136607,
  147793, 159871, 172933, 187091, 202409, 218971, 236897, 256279, 277261, 299951, 324503, 351061,
  379787, 410857, 444487, 480881, 520241, 562841, 608903, 658753, 712697, 771049, 834181, 902483,
  976369, 1056323, 1142821, 1236397, 1337629, 1447153, 1565659, 1693859, 1832561, 1982627, 2144977,
  2320627, 2510653, 2716249, 2938679, 3179303, 3439651, 3721303, 4026031, 4355707, 4712381, 5098259,
  5515729, 5967347, 6456007, 6984629, 7556579, 8175383, 8844859, 9569143, 10352717, 11200489,
  12117689, 13109983, 14183539, 15345007, 16601593, 17961079, 19431899, 21023161, 22744717,
  24607243, 26622317, 28802401, 31160981, 33712729, 36473443, 39460231, 42691603, 46187573,
  49969847, 54061849, 58488943, 63278561, 68460391, 74066549, 80131819, 86693767, 93793069,
  101473717, 109783337, 118773397, 128499677, 139022417, 150406843, 162723577, 176048909, 190465427,
  206062531, 222936881, 241193053, 260944219, 282312799, 305431229, 330442829, 357502601, 386778277,
  418451333, 452718089, 489790921, 529899637, 573292817, 620239453, 671030513, 725980837, 785430967,
  849749479, 919334987, 994618837, 1076067617, 1164186217, 1259520799, 1362662261, 1474249943,
  1594975441, 1725587117, 1866894511, 2019773507, 2185171673, 2364114217, 2557710269, 2767159799,
  2993761039, 3238918481, 3504151727, 3791104843, 4101556399, 4294967291,
];

/** `_Prime_rehash_policy::_M_next_bkt`'s fast answers for n < 14. */
const FAST_BUCKETS = [2, 2, 2, 3, 5, 5, 7, 7, 11, 11, 11, 11, 13, 13];

interface ListNode {
  readonly key: bigint;
  next: ListNode | undefined;
}

/**
 * Emulates the bookkeeping of a libstdc++ unordered_map with u64 keys: one singly linked list
 * behind a "before begin" sentinel, each bucket remembering the node *before* its first node.
 * Inserting puts a key first in its bucket's run, or first in the list when its bucket is
 * empty; both are O(1), as in libstdc++.
 */
export class UnorderedMapOrder {
  #bucketCount = 1;
  #nextResize = 0;
  #size = 0;
  readonly #head: ListNode = { key: 0n, next: undefined };
  #buckets = new Map<bigint, ListNode>();
  readonly #keys = new Set<bigint>();

  #nextBucketCount(n: number): number {
    if (n < FAST_BUCKETS.length) {
      if (n === 0) return 1;
      this.#nextResize = FAST_BUCKETS[n] as number;
      return this.#nextResize;
    }
    let lo = 0;
    let hi = PRIMES.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((PRIMES[mid] as number) < n) lo = mid + 1;
      else hi = mid;
    }
    this.#nextResize = PRIMES[lo] as number;
    return this.#nextResize;
  }

  /** Inserts `key` unless present (the first insertion of a key wins). */
  insert(key: bigint): void {
    if (this.#keys.has(key)) return;
    if (this.#size + 1 > this.#nextResize) {
      const minBuckets = Math.max(this.#size + 1, this.#nextResize === 0 ? 11 : 0);
      if (minBuckets >= this.#bucketCount) {
        this.#rehash(this.#nextBucketCount(Math.max(minBuckets + 1, this.#bucketCount * 2)));
      } else {
        this.#nextResize = this.#bucketCount;
      }
    }
    this.#link({ key, next: undefined });
    this.#keys.add(key);
    this.#size++;
  }

  #link(node: ListNode): void {
    const n = BigInt(this.#bucketCount);
    const bucket = node.key % n;
    const before = this.#buckets.get(bucket);
    if (before !== undefined) {
      node.next = before.next;
      before.next = node;
      return;
    }
    // Empty bucket: the node goes first in the list, and the bucket of the old first node now
    // starts after this one.
    const first = this.#head.next;
    node.next = first;
    this.#head.next = node;
    this.#buckets.set(bucket, this.#head);
    if (first !== undefined) this.#buckets.set(first.key % n, node);
  }

  #rehash(bucketCount: number): void {
    let node = this.#head.next;
    this.#head.next = undefined;
    this.#buckets = new Map();
    this.#bucketCount = bucketCount;
    while (node !== undefined) {
      const next = node.next;
      node.next = undefined;
      this.#link(node);
      node = next;
    }
  }

  /** Keys in iteration order. */
  keys(): bigint[] {
    const out: bigint[] = [];
    for (let node = this.#head.next; node !== undefined; node = node.next) out.push(node.key);
    return out;
  }
}
