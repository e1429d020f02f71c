/** A copy of the typed array `a` with room for `length` elements (for arrays that grow while they are filled). */
export function grown<T extends Int32Array | Uint16Array | Uint8Array>(a: T, length: number): T {
  const next = new (a.constructor as new (length: number) => T)(length);
  next.set(a);
  return next;
}
