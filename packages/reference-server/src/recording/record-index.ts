/** The seq → file offset index of a batch log, in two growing typed arrays (16 bytes a record). */
export class RecordIndex {
  private seqs: Float64Array = new Float64Array(1024);
  private offsets: Float64Array = new Float64Array(1024);
  private size = 0;

  get count(): number {
    return this.size;
  }

  seqAt(position: number): number {
    return this.seqs[position];
  }

  offsetAt(position: number): number {
    return this.offsets[position];
  }

  get lastSeq(): number {
    return this.size ? this.seqs[this.size - 1] : -1;
  }

  push(seq: number, offset: number): void {
    if (this.size && seq <= this.seqs[this.size - 1]) {
      throw new Error(`batch ${seq} is not after batch ${this.seqs[this.size - 1]} already recorded`);
    }
    if (this.size === this.seqs.length) {
      this.seqs = grow(this.seqs);
      this.offsets = grow(this.offsets);
    }
    this.seqs[this.size] = seq;
    this.offsets[this.size] = offset;
    this.size++;
  }

  truncate(count: number): void {
    this.size = Math.min(this.size, Math.max(0, count));
  }

  /** The position of the first record with seq >= `seq` (`count` when there is none). */
  lowerBound(seq: number): number {
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.seqs[mid] < seq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The position of the record with exactly this seq, or -1. */
  find(seq: number): number {
    const p = this.lowerBound(seq);
    return p < this.size && this.seqs[p] === seq ? p : -1;
  }

  /** The entries as the 16-byte little-endian (seq, offset) pairs of the index file. */
  encode(from = 0, to = this.size): Buffer {
    const out = Buffer.alloc((to - from) * 16);
    for (let p = from; p < to; p++) {
      out.writeDoubleLE(this.seqs[p], (p - from) * 16);
      out.writeDoubleLE(this.offsets[p], (p - from) * 16 + 8);
    }
    return out;
  }
}

function grow(array: Float64Array): Float64Array {
  const next = new Float64Array(array.length * 2);
  next.set(array);
  return next;
}
