/**
 * top_p (nucleus) over the softmax survivors, with the same result as sorting them all by
 * probability (ties by id, as a stable sort gives), summing from the top until the mass
 * reaches top_p, and keeping that head in id order:
 * - partial selection: a histogram of the probabilities by binary exponent says which
 *   exponents hold top_p of the mass; only survivors at or above that exponent are sorted
 *   (they are exactly the head of the full order). If rounding leaves their in-order sum short,
 *   all survivors are sorted instead;
 * - the sort key packs (probability bits, index) into one double, so a typed-array sort
 *   (native, no comparator calls) gives the order.
 */
const INDEX_BITS = 16384; // > vocabulary size: the index fits below the probability bits
const TOP_BITS = 0x7fffffff;

export class Nucleus {
  private readonly keys: Float64Array;
  private readonly byExponent = new Float64Array(256);

  constructor(capacity: number) {
    if (capacity > INDEX_BITS) throw new RangeError(`nucleus capacity ${capacity} exceeds ${INDEX_BITS}`);
    this.keys = new Float64Array(capacity);
  }

  /**
   * Keeps the shortest most-probable head of `probs[0, count)` whose mass reaches `topP`,
   * compacted in place (with `ids`) in the original order; returns its length.
   */
  keep(probs: Float32Array, ids: Int32Array, count: number, topP: number): number {
    const bits = new Uint32Array(probs.buffer, probs.byteOffset, count);
    const floor = this.exponentFloor(bits, probs, count, topP);
    let kept = floor > 0 ? this.head(bits, probs, count, floor, topP) : 0;
    if (kept === 0) kept = this.head(bits, probs, count, 0, topP);
    const last = this.keys[kept - 1]!;
    let out = 0;
    for (let k = 0; k < count; k++) {
      if (key(bits[k]!, k) > last) continue;
      probs[out] = probs[k]!;
      ids[out++] = ids[k]!;
    }
    return out;
  }

  /** The lowest binary exponent such that survivors at or above it hold topP of the mass (by the histogram). */
  private exponentFloor(bits: Uint32Array, probs: Float32Array, count: number, topP: number): number {
    const byExponent = this.byExponent.fill(0);
    let total = 0;
    for (let k = 0; k < count; k++) {
      byExponent[bits[k]! >>> 23] += probs[k]!;
      total += probs[k]!;
    }
    let mass = 0;
    for (let e = 255; e > 0; e--) {
      mass += byExponent[e]!;
      if (mass >= topP * total) return e;
    }
    return 0;
  }

  /**
   * Sorts the survivors whose exponent is >= `floor` and sums them from the top; returns how
   * many reach topP, or 0 when they all fall short (then the caller sorts every survivor).
   */
  private head(bits: Uint32Array, probs: Float32Array, count: number, floor: number, topP: number): number {
    const keys = this.keys;
    let n = 0;
    for (let k = 0; k < count; k++) if (bits[k]! >>> 23 >= floor) keys[n++] = key(bits[k]!, k);
    keys.subarray(0, n).sort();
    let mass = 0;
    let kept = 0;
    while (kept < n && mass < topP) mass += probs[keys[kept++]! % INDEX_BITS]!;
    return mass >= topP || n === count ? kept : 0;
  }
}

/** Ascending keys = descending probability, then ascending index (positive floats order like their bits). */
function key(bits: number, index: number): number {
  return (TOP_BITS - bits) * INDEX_BITS + index;
}
