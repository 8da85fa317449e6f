package io.provenir.pii;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

import io.provenir.scan.BaseDetector;
import io.provenir.scan.Detection;
import io.provenir.scan.TextProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.Test;

/**
 * The phone, card and SSN detectors skip a string whose digits are spread over runs of number
 * punctuation too short for one of their numbers ({@link TextProfile#digitsInOneRun()}): on
 * generated strings of digit groups joined by every separator these detectors accept and by
 * others, after the words that make a bare number a phone number, the pre-filter passes every
 * string in which a detector finds something.
 */
public class DigitRunPreFilterTest {

  @Test
  public void thePreFilterPassesEveryStringWithAFinding() {
    BaseDetector[] detectors = {new PhoneDetector(), new CreditCardDetector(), new SsnDetector()};
    int[] found = new int[detectors.length];
    String[] seps = {" ", "-", ".", "(", ")", "/", "+", "\u00a0", "", "", " - ", ", ", ":", "x",
      "\u2013", "  ", "\n"};
    String[] words = {"", "", "call ", "tel: ", "my number is ", "SSN ", "ssn: ", "card ", "+",
      "(", "in "};
    Random rnd = new Random(21);
    for (int r = 0; r < 40_000; r++) {
      StringBuilder sb = new StringBuilder(words[rnd.nextInt(words.length)]);
      if (rnd.nextInt(4) == 0) {
        // a card number (Luhn-valid, 16 digits) in groups of four, mostly with one separator
        String card = luhnCompleted(rnd);
        String sep = new String[] {" ", "-", ""}[rnd.nextInt(3)];
        for (int g = 0; g < 4; g++) {
          sb.append(g == 0 ? "" : rnd.nextInt(4) == 0 ? seps[rnd.nextInt(seps.length)] : sep)
              .append(card, 4 * g, 4 * g + 4);
        }
        sb.append(rnd.nextBoolean() ? " and " : seps[rnd.nextInt(seps.length)]);
      }
      if (rnd.nextInt(4) == 0) {
        // an SSN-shaped number: a valid area, group and serial, mostly with one separator
        String sep = new String[] {"-", " ", ".", ""}[rnd.nextInt(4)];
        sb.append(String.format("%03d", 1 + rnd.nextInt(665)))
            .append(rnd.nextInt(4) == 0 ? seps[rnd.nextInt(seps.length)] : sep)
            .append(String.format("%02d", 1 + rnd.nextInt(99))).append(sep)
            .append(String.format("%04d", 1 + rnd.nextInt(9999)))
            .append(rnd.nextBoolean() ? " and " : seps[rnd.nextInt(seps.length)]);
      }
      int groups = 1 + rnd.nextInt(6);
      for (int g = 0; g < groups; g++) {
        if (g > 0) {
          sb.append(seps[rnd.nextInt(seps.length)]);
        }
        int digits = 1 + rnd.nextInt(rnd.nextInt(4) == 0 ? 16 : 5);
        sb.append(rnd.nextInt(8) + 2);
        for (int k = 1; k < digits; k++) {
          sb.append(rnd.nextInt(10));
        }
      }
      if (rnd.nextBoolean()) {
        sb.append(words[rnd.nextInt(words.length)]);
      }
      String text = sb.toString();
      for (int d = 0; d < detectors.length; d++) {
        List<Detection> out = new ArrayList<>();
        detectors[d].find(text, out);
        if (!out.isEmpty()) {
          found[d]++;
          assertThat(detectors[d].type() + " in '" + text + "'",
              detectors[d].mayMatch(text, TextProfile.of(text)), is(true));
        }
      }
    }
    for (int d = 0; d < detectors.length; d++) {
      assertThat(detectors[d].type(), found[d], greaterThan(500));
    }
  }

  /** Fifteen random digits (a 4 first) and the Luhn check digit. */
  private static String luhnCompleted(Random rnd) {
    int[] d = new int[16];
    d[0] = 4;
    for (int i = 1; i < 15; i++) {
      d[i] = rnd.nextInt(10);
    }
    int sum = 0;
    for (int i = 0; i < 15; i++) {
      int v = d[i];
      if (i % 2 == 0) { // doubled: every second digit counting from the check digit's left
        v *= 2;
        if (v > 9) {
          v -= 9;
        }
      }
      sum += v;
    }
    d[15] = (10 - sum % 10) % 10;
    StringBuilder sb = new StringBuilder();
    for (int v : d) {
      sb.append(v);
    }
    return sb.toString();
  }
}
