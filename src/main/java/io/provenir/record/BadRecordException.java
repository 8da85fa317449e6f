package io.provenir.record;

/**
 * A line that cannot be a record. The message names the problem and a position, never the content
 * (a malformed line may hold a secret).
 */
public final class BadRecordException extends Exception {

  private final String code;

  public BadRecordException(String code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  /** A stable error code, one of {@link DeadLetter}'s {@code ERROR_*} constants. */
  public String code() {
    return code;
  }
}
