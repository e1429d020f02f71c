/**
 * Typed arrays for an index being updated (corpus-update.ts), made over the buffers of an older
 * index that is no longer read (see SearchEngine.update) when they are large enough.
 *
 * An update of a 100,000-paragraph index fills about 100 MB of arrays. Allocated new each time,
 * they were zeroed by V8 in one piece (tens of milliseconds with the event loop blocked) and, as
 * "external memory", set off garbage collections that blocked it longer still. Arrays over
 * reused buffers need neither. New buffers get a little room to spare, so that an index grown
 * by a few articles still fits in the buffers of the one before.
 */
import type { SliceClock } from './slice-clock.ts';

export type PooledArray = Int32Array | Uint16Array | Uint8Array | Float32Array | Float64Array;

export interface ArrayType<T extends PooledArray> {
  new (length: number): T;
  new (buffer: ArrayBuffer, byteOffset: number, length: number): T;
  readonly BYTES_PER_ELEMENT: number;
}

/** Bytes of a reserved buffer written at a time (a fraction of a slice even when each page faults). */
const PREFAULT_PIECE = 1 << 18;

/** The room a new buffer gets beyond the array first made over it (a share of its size). */
const ROOM = 1 / 64;

export class ArrayPool {
  private readonly spare = new Map<string, ArrayBuffer>();

  /**
   * A pool handing out the buffers of `arrays` (by name), which nothing may read any more; with
   * `room`, new buffers are that share larger than asked (0: arrays of the exact length).
   */
  constructor(
    arrays: Readonly<Record<string, PooledArray>> = {},
    private readonly room = ROOM,
  ) {
    for (const [name, array] of Object.entries(arrays)) this.spare.set(name, array.buffer as ArrayBuffer);
  }

  /** A pool of no spare buffers that makes arrays of the exact length (for a full build). */
  static exact(): ArrayPool {
    return new ArrayPool({}, 0);
  }

  /**
   * New arrays of the types and lengths of `arrays`, under the same names, with the room of new
   * buffers and their elements unwritten: the buffers of an update to come, allocated ahead of it
   * (see SearchEngine.buildInSlices).
   */
  static reserve(arrays: Readonly<Record<string, PooledArray>>): Record<string, PooledArray> {
    const pool = new ArrayPool();
    const reserved: Record<string, PooledArray> = {};
    for (const [name, array] of Object.entries(arrays)) reserved[name] = pool.take(name, array.constructor as ArrayType<PooledArray>, array.length);
    return reserved;
  }

  /**
   * Writes zeros over the whole buffers of `arrays` (see `reserve`), a piece at a time, yielding
   * when `clock` says, while `owned()`: the first write to memory new to the process costs the
   * system a page fault per 4 kB (about 3.5 ms a megabyte on the 2-core machine the benchmarks run
   * on, 100 times the copy), which would otherwise fall in the update that first writes them.
   */
  static *prefault(arrays: Readonly<Record<string, PooledArray>>, clock: SliceClock, owned: () => boolean): Generator<void, void> {
    for (const array of Object.values(arrays)) {
      const bytes = new Uint8Array(array.buffer);
      for (let at = 0; at < bytes.length; at += PREFAULT_PIECE) {
        if (!owned()) return;
        bytes.fill(0, at, at + PREFAULT_PIECE);
        yield* clock.pause();
      }
    }
  }

  /**
   * An array of `length` elements for the part named `name`: over the spare buffer of that name
   * when it is large enough (taken from the pool), else over a new one. Its elements are left as
   * they were (except for a pool making exact arrays, whose arrays are zeroed): the caller must
   * write every one.
   */
  take<T extends PooledArray>(name: string, type: ArrayType<T>, length: number): T {
    const bytes = length * type.BYTES_PER_ELEMENT;
    const spare = this.spare.get(name);
    this.spare.delete(name);
    if (spare !== undefined && spare.byteLength >= bytes) return new type(spare, 0, length);
    if (this.room === 0) return new type(length);
    // not zeroed (the caller writes every element): zeroing tens of megabytes is one long block
    return new type(Buffer.allocUnsafeSlow(bytes + 8 * Math.ceil((bytes * this.room) / 8)).buffer, 0, length);
  }
}
