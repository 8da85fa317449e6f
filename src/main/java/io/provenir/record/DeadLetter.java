package io.provenir.record;

/**
 * An input line that did not become a clean or quarantined record, with why.
 *
 * @param ref where the line came from
 * @param recordId the record id when the line parsed far enough to have one, else null
 * @param step the pipeline step that rejected it (e.g. {@code ParseRecords})
 * @param error a stable error code ({@code ERROR_*})
 * @param message a human-readable explanation with a position, never content
 * @param raw the line with secrets redacted and PII masked as plain text, truncated
 * @param rawTruncated whether {@code raw} was cut
 * @param rawBytes the full line length in bytes
 * @param secretTypes the types of the secrets found (and redacted) in the line, in order; a
 *     secret in a line that cannot be a record is still a secret in the input (the policy counts
 *     it)
 */
public record DeadLetter(
    SourceRef ref,
    String recordId,
    String step,
    String error,
    String message,
    String raw,
    boolean rawTruncated,
    long rawBytes,
    java.util.List<String> secretTypes) {

  public DeadLetter {
    secretTypes = java.util.List.copyOf(secretTypes);
  }

  /** Without secrets. */
  public DeadLetter(SourceRef ref, String recordId, String step, String error, String message,
      String raw, boolean rawTruncated, long rawBytes) {
    this(ref, recordId, step, error, message, raw, rawTruncated, rawBytes, java.util.List.of());
  }

  public static final String ERROR_INVALID_UTF8 = "invalid_utf8";
  public static final String ERROR_INVALID_JSON = "invalid_json";
  public static final String ERROR_NOT_AN_OBJECT = "not_an_object";
  public static final String ERROR_TOO_LARGE = "too_large";
  public static final String ERROR_PROCESSING = "processing_error";
}
