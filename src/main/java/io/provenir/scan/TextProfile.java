package io.provenir.scan;

/**
 * What one pass over a string tells every detector's pre-filter: how many ASCII digits it has and
 * whether it holds the characters some types cannot do without. {@link TextScanner} computes it
 * once per string, so five detectors do not each scan the string to count its digits.
 *
 * @param digits the number of ASCII digits
 */
public record TextProfile(int digits, boolean hasAt, boolean hasDot, boolean hasColon) {

  public static TextProfile of(String text) {
    int digits = 0;
    boolean at = false;
    boolean dot = false;
    boolean colon = false;
    for (int i = 0, n = text.length(); i < n; i++) {
      char c = text.charAt(i);
      if (c <= '@') {
        if (c >= '0' && c <= '9') {
          digits++;
        } else if (c == '.') {
          dot = true;
        } else if (c == ':') {
          colon = true;
        } else if (c == '@') {
          at = true;
        }
      }
    }
    return new TextProfile(digits, at, dot, colon);
  }
}
