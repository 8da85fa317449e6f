package io.provenir.record;

/** RFC 6901 JSON Pointer helpers. */
public final class JsonPointers {

  private JsonPointers() {}

  /** Escapes one reference token: {@code ~} becomes {@code ~0}, {@code /} becomes {@code ~1}. */
  public static String escape(String token) {
    if (token.indexOf('~') < 0 && token.indexOf('/') < 0) {
      return token;
    }
    return token.replace("~", "~0").replace("/", "~1");
  }

  /** A field name as a pointer ({@code id} becomes {@code /id}); a pointer stays as it is. */
  public static String fromFieldOrPointer(String field) {
    if (field == null || field.isEmpty()) {
      return null;
    }
    return field.startsWith("/") ? field : "/" + escape(field);
  }

  /**
   * The pointer with every array index replaced by {@code *}: {@code /messages/3/content} becomes
   * {@code /messages/x/content} with x = {@code *}. Used to keep per-field counts small.
   */
  public static String foldIndices(String pointer) {
    if (pointer.isEmpty()) {
      return pointer;
    }
    StringBuilder sb = null;
    int i = 0;
    int n = pointer.length();
    while (i < n) {
      int next = pointer.indexOf('/', i + 1);
      if (next < 0) {
        next = n;
      }
      boolean digits = next - i > 1;
      for (int k = i + 1; k < next && digits; k++) {
        char c = pointer.charAt(k);
        digits = c >= '0' && c <= '9';
      }
      if (digits) {
        if (sb == null) {
          sb = new StringBuilder(n).append(pointer, 0, i);
        }
        sb.append("/*");
      } else if (sb != null) {
        sb.append(pointer, i, next);
      }
      i = next;
    }
    return sb == null ? pointer : sb.toString();
  }

  /** The longest field the report names in full (see {@link #forReport}). */
  public static final int REPORT_FIELD_CHARS = 200;

  /**
   * The field a report counts findings under: the pointer with its array indexes folded ({@link
   * #foldIndices}), and, past {@value #REPORT_FIELD_CHARS} chars (a record whose field names are
   * pages of text), its start and its length: {@code /aaaa…[60001 chars]}. The report stays
   * readable and bounded, and its JSON stays within common parsers' limits on field names.
   */
  public static String forReport(String pointer) {
    String folded = foldIndices(pointer);
    if (folded.length() <= REPORT_FIELD_CHARS) {
      return folded;
    }
    int cut = REPORT_FIELD_CHARS - 20;
    if (Character.isHighSurrogate(folded.charAt(cut - 1))) {
      cut--; // not between the halves of a pair
    }
    return folded.substring(0, cut) + "\u2026[" + folded.length() + " chars]";
  }
}
