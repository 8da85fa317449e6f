package io.provenir.record;

import io.provenir.io.Words;

/** Strict UTF-8 validation (no overlong forms, no surrogates, nothing above U+10FFFF). */
public final class Utf8 {

  private Utf8() {}

  /** The index of the first byte of the first invalid sequence, or -1 if all is valid. */
  public static int firstInvalid(byte[] b, int off, int len) {
    int i = off;
    int end = off + len;
    while (i < end) {
      // Eight bytes at a time: a word with no high bit set is eight ASCII characters.
      while (i + 8 <= end && (Words.get(b, i) & Words.HIGH_BITS) == 0) {
        i += 8;
      }
      if (i == end) {
        break;
      }
      int c = b[i] & 0xFF;
      if (c < 0x80) {
        i++;
        continue;
      }
      int need;
      int min;
      if (c >= 0xC2 && c <= 0xDF) {
        need = 1;
        min = 0x80;
      } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2;
        min = 0x800;
      } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3;
        min = 0x10000;
      } else {
        return i;
      }
      if (i + need >= end) {
        return i; // truncated sequence
      }
      int cp = c & (0x3F >> need);
      for (int k = 1; k <= need; k++) {
        int cc = b[i + k] & 0xFF;
        if ((cc & 0xC0) != 0x80) {
          return i;
        }
        cp = (cp << 6) | (cc & 0x3F);
      }
      if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        return i;
      }
      i += need + 1;
    }
    return -1;
  }
}
