/**
 * A view of samples from…to − 1 of a column: a subarray of a typed array (no copy, which matters at the data
 * rate: a generic slice of a typed array is many times slower), a slice of a plain array.
 */
export function columnRange(values: ArrayLike<number>, from: number, to: number): ArrayLike<number> {
  if (ArrayBuffer.isView(values)) return (values as unknown as Float64Array).subarray(from, to);
  return Array.prototype.slice.call(values, from, to) as number[];
}
