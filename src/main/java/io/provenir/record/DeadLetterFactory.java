package io.provenir.record;

import java.nio.charset.StandardCharsets;

/**
 * Makes {@link DeadLetter}s whose raw excerpt is safe to write: the line is decoded leniently,
 * redacted as plain text (secrets and PII) and then cut. Thread-safe.
 */
public final class DeadLetterFactory {

  private final TextRedactor redactor;
  private final int maxRawChars;

  public DeadLetterFactory(TextRedactor redactor, int maxRawChars) {
    this.redactor = redactor;
    this.maxRawChars = maxRawChars;
  }

  /**
   * @param bytes the line, or its prefix when {@code isPrefix}
   * @param fullLength the line's full length in bytes
   */
  public DeadLetter create(
      SourceRef ref, String recordId, String step, String error, String message, byte[] bytes,
      long fullLength, boolean isPrefix) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    TextRedactor.Result r = redactor.redact(text, maxRawChars, isPrefix);
    // an id holding a value is named by its location instead
    String id = recordId != null && !recordId.equals(ref.locator())
        && redactor.holdsFinding(recordId) ? ref.locator() : recordId;
    return new DeadLetter(ref, id, step, error, message, r.text(), r.truncated(), fullLength,
        r.secretTypes());
  }
}
