package io.provenir.scan;

/**
 * One match of a detector in one string.
 *
 * @param type the finding type, e.g. {@code EMAIL} or {@code AWS_ACCESS_KEY}
 * @param category PII or secret
 * @param start first char of the match, in UTF-16 units of the scanned string
 * @param end one past the last char, in UTF-16 units
 * @param detector the id of the detector that matched (e.g. {@code email})
 * @param priority tie-breaker between matches of equal length: higher is more specific
 */
public record Detection(String type, Category category, int start, int end, String detector, int priority) {

  public Detection {
    if (start < 0 || end <= start) {
      throw new IllegalArgumentException("bad span [" + start + ", " + end + ")");
    }
  }

  public int length() {
    return end - start;
  }

  public boolean overlaps(Detection other) {
    return start < other.end && other.start < end;
  }
}
