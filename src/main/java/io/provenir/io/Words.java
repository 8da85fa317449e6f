package io.provenir.io;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Eight bytes at a time: reading a byte array as little-endian words, and finding bytes in a word
 * without a branch per byte (the line reader's newline search, UTF-8 validation, the JSON fast
 * path's string scan). In each {@code *Bytes} answer the high bit of a byte is set where the
 * condition holds; bytes above the lowest flagged one may be flagged wrongly (a borrow runs on),
 * so the lowest flag, {@link #firstFlagged}, is exact and the rest are not.
 */
public final class Words {

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  public static final long ONES = 0x0101010101010101L;
  public static final long HIGH_BITS = 0x8080808080808080L;

  private Words() {}

  /** b[i, i + 8) as a little-endian word: b[i] is its lowest byte. */
  public static long get(byte[] b, int i) {
    return (long) LONGS.get(b, i);
  }

  /** {@code v} in every byte of a word. */
  public static long repeat(byte v) {
    return (v & 0xFFL) * ONES;
  }

  /** Flags the bytes of {@code x} equal to the byte repeated in {@code pattern}. */
  public static long equalBytes(long x, long pattern) {
    long y = x ^ pattern;
    return (y - ONES) & ~y & HIGH_BITS;
  }

  /**
   * Flags the bytes of {@code x} below {@code n} (at most 128) repeated in {@code pattern}; bytes
   * with their high bit set never are.
   */
  public static long lessBytes(long x, long pattern) {
    return (x - pattern) & ~x & HIGH_BITS;
  }

  /** The index within the word of the lowest flagged byte of a nonzero {@code flags}. */
  public static int firstFlagged(long flags) {
    return Long.numberOfTrailingZeros(flags) >>> 3;
  }
}
