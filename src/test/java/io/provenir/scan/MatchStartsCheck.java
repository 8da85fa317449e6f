package io.provenir.scan;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The check every {@link MatchStarts} must pass, for the tests of the detectors that have one. */
public final class MatchStartsCheck {

  private MatchStartsCheck() {}

  /**
   * Asserts, from every position {@code from} of {@code t}, that {@code starts.next(t, from)} is at
   * or after {@code from} and at or before the first position at or after {@code from} where
   * {@code pattern} matches ({@code lookingAt()} with transparent bounds, as {@code find()} tries
   * positions); any answer is safe where no match follows. Returns how many positions match.
   */
  public static int neverSkipsAMatch(String label, Pattern pattern, MatchStarts starts, String t) {
    Matcher m = pattern.matcher(t).useTransparentBounds(true).useAnchoringBounds(false);
    int matched = 0;
    int first = -1; // the first matching position at or after from
    for (int from = t.length(); from >= 0; from--) {
      m.region(from, t.length());
      if (m.lookingAt()) {
        first = from;
        matched++;
      }
      if (first >= 0) {
        int next = starts.next(t, from);
        String at = label + " from " + from + " of '" + t + "'";
        assertThat(at, next, greaterThanOrEqualTo(from));
        assertThat(at, next, lessThanOrEqualTo(first));
      }
    }
    return matched;
  }
}
