package io.provenir.scan;

import java.util.Random;

/** Generated texts the tests of several packages share. */
public final class TestTexts {

  private TestTexts() {}

  /**
   * A table of random integers below 100,000, each followed by a space, at least {@code chars}
   * long: text dense with numbers, which spends a string's budget of libphonenumber questions
   * ({@link ScanBudget}). Plain ASCII without quotes or line breaks, so it can stand in a JSON
   * string as it is.
   */
  public static String integers(int chars, long seed) {
    Random r = new Random(seed);
    StringBuilder sb = new StringBuilder(chars + 8);
    while (sb.length() < chars) {
      sb.append(r.nextInt(100_000)).append(' ');
    }
    return sb.toString();
  }
}
