package io.provenir.record;

import io.provenir.io.Words;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The common case of {@link JsonRecordParser}, parsed without Jackson: one JSON object of
 * strings, numbers, literals, arrays and objects, nested at most {@value #MAX_DEPTH} deep. It
 * gives the same {@link JsonRecordParser.Parsed} as the Jackson path (same leaves, pointers,
 * texts, byte offsets and id), or null when the line holds anything else: invalid JSON, a byte
 * order mark, deeper nesting, very long numbers or names. The caller then parses the line with
 * Jackson, which has the last word on what is valid and says what is wrong. So this parser may
 * refuse more than Jackson, never less: its grammar is RFC 8259's, as Jackson's defaults read it
 * (no comments, no trailing commas, no leading zeros, no NaN, no unescaped control chars).
 *
 * <p>Why: a string value is found, checked and copied into a {@code String} in one pass over its
 * bytes (an ASCII string is one array copy), where Jackson decodes each char into a buffer and
 * then copies and compresses it; Jackson's parse was about a quarter of the scan engine's time.
 * The line need not be valid UTF-8: a valid record has non-ASCII bytes only inside strings, and
 * each string that has any is checked (the parser gives up on invalid UTF-8, and on a non-ASCII
 * byte anywhere else). Not thread-safe: one per parse.
 */
final class FastRecordParser {

  /** Deeper nesting is left to Jackson (which allows {@code JsonRecordParser}'s limit). */
  static final int MAX_DEPTH = 64;
  /** Longer numbers and names are left to Jackson, whose constraints have the final say. */
  private static final int MAX_TOKEN = 1000;

  /** Thrown to give up; preallocated and without a stack trace: giving up is not an error. */
  private static final RuntimeException GIVE_UP = new RuntimeException("not the simple case",
      null, false, false) {};

  private final byte[] b;
  private final int end;
  private final JsonRecordParser.PointerTree pointers;
  private final String idPointer;
  private final List<StringLeaf> leaves = new ArrayList<>();
  private String id;
  private int pos;

  private FastRecordParser(byte[] raw, JsonRecordParser.PointerTree pointers, String idPointer) {
    this.b = raw;
    this.end = raw.length;
    this.pointers = pointers;
    this.idPointer = idPointer;
  }

  /**
   * The parse of {@code raw} (valid UTF-8), or null when the line is not the simple case (see the
   * class comment).
   */
  static JsonRecordParser.Parsed parse(byte[] raw, JsonRecordParser.PointerTree pointers,
      String idPointer) {
    FastRecordParser p = new FastRecordParser(raw, pointers, idPointer);
    try {
      p.skipWhitespace();
      if (p.pos >= p.end || raw[p.pos] != '{') {
        return null;
      }
      p.object(pointers.root(), 1);
      p.skipWhitespace();
      return p.pos == p.end ? new JsonRecordParser.Parsed(p.id, p.leaves) : null;
    } catch (RuntimeException e) {
      if (e == GIVE_UP || e instanceof ArrayIndexOutOfBoundsException) {
        return null; // not the simple case, or the line ended inside a token
      }
      throw e;
    }
  }

  private void object(JsonRecordParser.PointerTree.Node node, int depth) {
    if (opensEmpty('}')) {
      return;
    }
    long object = pointers.nextObject();
    int firstLeaf = leaves.size();
    do {
      if (b[pos] != '"') {
        throw GIVE_UP;
      }
      int keyStart = pos;
      // A name seen before is found by its bytes (unless escaped): no string made.
      int q = special(pos + 1);
      JsonRecordParser.PointerTree.Node field = q < end && b[q] == '"'
          ? pointers.knownField(node, b, pos + 1, q) : null;
      if (field != null) {
        pos = q + 1;
      } else {
        field = pointers.field(node, string(MAX_TOKEN, true));
      }
      if (field.object == object || field.fresh && repeats(field, firstLeaf)) {
        throw GIVE_UP; // a name repeated in this object: Jackson's to refuse
      }
      field.object = object;
      if (!field.name.isEmpty()) {
        leaves.add(new StringLeaf(field.pointer, field.name, keyStart, true));
      }
      skipWhitespace();
      if (b[pos++] != ':') {
        throw GIVE_UP;
      }
      skipWhitespace();
      value(field, depth);
    } while (hasNext('}'));
  }

  /**
   * Whether a field made afresh (its parent has more names than the tree remembers, so its node
   * carries no mark of this object) repeats a name of this object's, whose leaves start at
   * {@code firstLeaf}: found among those leaves, or, past a few hundred of them or for an empty
   * name (which has no leaf), assumed (Jackson then decides).
   */
  private boolean repeats(JsonRecordParser.PointerTree.Node field, int firstLeaf) {
    if (field.name.isEmpty() || leaves.size() - firstLeaf > 256) {
      return true;
    }
    for (int i = firstLeaf; i < leaves.size(); i++) {
      StringLeaf leaf = leaves.get(i);
      if (leaf.inKey() && leaf.pointer().equals(field.pointer)) {
        return true;
      }
    }
    return false;
  }

  private void array(JsonRecordParser.PointerTree.Node node, int depth) {
    if (opensEmpty(']')) {
      return;
    }
    int i = 0;
    do {
      value(pointers.element(node, i++), depth);
    } while (hasNext(']'));
  }

  /**
   * Steps past the opening bracket at {@code pos} and any whitespace; true (and past
   * {@code close}) when the container is empty.
   */
  private boolean opensEmpty(char close) {
    pos++;
    skipWhitespace();
    if (b[pos] == close) {
      pos++;
      return true;
    }
    return false;
  }

  /**
   * After a member or element: true past a comma and any whitespace (another one follows), false
   * past {@code close}; gives up on anything else.
   */
  private boolean hasNext(char close) {
    skipWhitespace();
    byte c = b[pos++];
    if (c == close) {
      return false;
    }
    if (c != ',') {
      throw GIVE_UP;
    }
    skipWhitespace();
    return true;
  }

  private void value(JsonRecordParser.PointerTree.Node at, int depth) {
    byte c = b[pos];
    switch (c) {
      case '"' -> {
        int rawStart = pos;
        String text = string(Integer.MAX_VALUE, false);
        if (idPointer != null && id == null && idPointer.equals(at.pointer)) {
          id = text;
        }
        leaves.add(new StringLeaf(at.pointer, text, rawStart));
      }
      case '{' -> {
        if (depth >= MAX_DEPTH) {
          throw GIVE_UP;
        }
        object(at, depth + 1);
      }
      case '[' -> {
        if (depth >= MAX_DEPTH) {
          throw GIVE_UP;
        }
        array(at, depth + 1);
      }
      case 't' -> literal("true");
      case 'f' -> literal("false");
      case 'n' -> literal("null");
      default -> {
        int s = pos;
        number();
        String literal = null;
        if (idPointer != null && id == null && idPointer.equals(at.pointer)) {
          id = literal = new String(b, s, pos - s, StandardCharsets.ISO_8859_1);
        }
        if (StringLeaf.isScannedNumber(b, s, pos)) {
          leaves.add(StringLeaf.number(at.pointer,
              literal != null ? literal : new String(b, s, pos - s, StandardCharsets.ISO_8859_1),
              s));
        }
      }
    }
  }

  private void literal(String word) {
    for (int i = 0; i < word.length(); i++) {
      if (b[pos + i] != word.charAt(i)) {
        throw GIVE_UP;
      }
    }
    pos += word.length();
    // What follows must end the value; the caller checks for ',', '}' or ']' after whitespace.
  }

  /** {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}; the caller checks what follows. */
  private void number() {
    int s = pos;
    if (pos < end && b[pos] == '-') {
      pos++;
    }
    if (pos < end && b[pos] == '0') {
      pos++;
    } else if (pos < end && b[pos] >= '1' && b[pos] <= '9') {
      digits();
    } else {
      throw GIVE_UP;
    }
    if (pos < end && b[pos] == '.') {
      pos++;
      if (digits() == 0) {
        throw GIVE_UP;
      }
    }
    if (pos < end && (b[pos] == 'e' || b[pos] == 'E')) {
      pos++;
      if (pos < end && (b[pos] == '+' || b[pos] == '-')) {
        pos++;
      }
      if (digits() == 0) {
        throw GIVE_UP;
      }
    }
    if (pos - s > MAX_TOKEN) {
      throw GIVE_UP;
    }
  }

  private int digits() {
    int s = pos;
    while (pos < end && b[pos] >= '0' && b[pos] <= '9') {
      pos++;
    }
    return pos - s;
  }

  private static final long QUOTES = Words.repeat((byte) '"');
  private static final long BACKSLASHES = Words.repeat((byte) '\\');
  private static final long SPACES = Words.repeat((byte) 0x20);

  /**
   * The first quote, backslash or control char in b[i, end), or {@code end} if none: eight bytes
   * at a time. ORs the words it reads into {@link #high} (bytes past the one found included: that
   * only ever sends an ASCII string through the UTF-8 check and decoder, which read it the same).
   */
  private int special(int i) {
    long h = 0;
    while (i + 8 <= end) {
      long x = Words.get(b, i);
      h |= x;
      long stop = Words.equalBytes(x, QUOTES) | Words.equalBytes(x, BACKSLASHES)
          | Words.lessBytes(x, SPACES);
      if (stop != 0) {
        high |= h;
        return i + Words.firstFlagged(stop);
      }
      i += 8;
    }
    while (i < end) {
      byte c = b[i];
      h |= c;
      if (c == '"' || c == '\\' || c >= 0 && c < 0x20) {
        break;
      }
      i++;
    }
    high |= h;
    return i;
  }

  /** The high bits of the bytes {@link #special} has read since last cleared. */
  private long high;

  /**
   * The string whose opening quote is at {@code pos}, decoded; {@code pos} ends after its closing
   * quote. Gives up on an unescaped control char, an escape JSON does not have, a lone surrogate
   * escape (left to Jackson), in a {@code name} on any surrogate escape (Jackson refuses lone
   * ones there), on a string longer than {@code maxBytes}, or at the end of the line.
   */
  private String string(int maxBytes, boolean name) {
    int s = pos + 1;
    high = 0;
    int i = special(s);
    if (i < end && b[i] == '"') {
      if (i - s > maxBytes) {
        throw GIVE_UP;
      }
      pos = i + 1;
      return decode(b, s, i - s);
    }
    if (i == end || b[i] != '\\') {
      throw GIVE_UP; // unterminated, or a control char
    }
    // Escapes: the string is unescaped into bytes (UTF-8 still), which a string never outgrows:
    // every escape is longer than what it stands for.
    if (unescaped == null) {
      unescaped = new byte[end];
    }
    byte[] out = unescaped;
    int n = i - s;
    System.arraycopy(b, s, out, 0, n);
    while (true) {
      byte c = b[i];
      if (c == '"') {
        break;
      }
      if (c != '\\') {
        throw GIVE_UP; // a control char
      }
      byte e = b[i + 1];
      i += 2;
      switch (e) {
        case '"', '\\', '/' -> out[n++] = e;
        case 'b' -> out[n++] = '\b';
        case 'f' -> out[n++] = '\f';
        case 'n' -> out[n++] = '\n';
        case 'r' -> out[n++] = '\r';
        case 't' -> out[n++] = '\t';
        case 'u' -> {
          int u = hex4(i);
          i += 4;
          int cp = u;
          if (Character.isSurrogate((char) u)) {
            // A pair written as two escapes is one code point; anything else is left to Jackson.
            if (name || !Character.isHighSurrogate((char) u) || i + 6 > end || b[i] != '\\'
                || b[i + 1] != 'u') {
              throw GIVE_UP;
            }
            int low = hex4(i + 2);
            if (!Character.isLowSurrogate((char) low)) {
              throw GIVE_UP;
            }
            i += 6;
            cp = Character.toCodePoint((char) u, (char) low);
          }
          n = utf8(cp, out, n);
        }
        default -> throw GIVE_UP;
      }
      int r = special(i);
      if (r == end) {
        throw GIVE_UP;
      }
      System.arraycopy(b, i, out, n, r - i);
      n += r - i;
      i = r;
    }
    if (i - s > maxBytes) {
      throw GIVE_UP;
    }
    pos = i + 1;
    return decode(out, 0, n);
  }

  /** Where escaped strings are unescaped; allocated at the first escape of a line. */
  private byte[] unescaped;

  /**
   * The string in UTF-8 bytes[from, from + len): as Latin-1 when {@link #high} says every byte is
   * ASCII (one copy), else checked and decoded as UTF-8 (giving up on invalid UTF-8). An escape
   * written out as UTF-8 starts with a byte that is not a continuation byte, so it can neither
   * mend nor break the bytes around it: checking the unescaped bytes checks the line's.
   */
  private String decode(byte[] bytes, int from, int len) {
    if ((high & Words.HIGH_BITS) == 0) {
      return new String(bytes, from, len, StandardCharsets.ISO_8859_1);
    }
    if (Utf8.firstInvalid(bytes, from, len) >= 0) {
      throw GIVE_UP;
    }
    return new String(bytes, from, len, StandardCharsets.UTF_8);
  }

  /** Writes code point {@code cp} as UTF-8 at out[n]; returns the new length. */
  private int utf8(int cp, byte[] out, int n) {
    if (cp < 0x80) {
      out[n++] = (byte) cp;
      return n;
    }
    high = -1L; // the string is no longer ASCII
    if (cp < 0x800) {
      out[n++] = (byte) (0xC0 | cp >> 6);
    } else if (cp < 0x10000) {
      out[n++] = (byte) (0xE0 | cp >> 12);
      out[n++] = (byte) (0x80 | (cp >> 6 & 0x3F));
    } else {
      out[n++] = (byte) (0xF0 | cp >> 18);
      out[n++] = (byte) (0x80 | (cp >> 12 & 0x3F));
      out[n++] = (byte) (0x80 | (cp >> 6 & 0x3F));
    }
    out[n++] = (byte) (0x80 | (cp & 0x3F));
    return n;
  }

  /** The four hex digits at b[i, i + 4) as a UTF-16 code unit. */
  private int hex4(int i) {
    return hex(b[i]) << 12 | hex(b[i + 1]) << 8 | hex(b[i + 2]) << 4 | hex(b[i + 3]);
  }

  private static int hex(byte c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    throw GIVE_UP;
  }

  private void skipWhitespace() {
    while (pos < end) {
      byte c = b[pos];
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }
}
