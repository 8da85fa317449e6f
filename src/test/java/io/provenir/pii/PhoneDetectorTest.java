package io.provenir.pii;

import static io.provenir.pii.DetectorAssertions.matches;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;

import org.junit.Test;

public class PhoneDetectorTest {

  private final PhoneDetector d = new PhoneDetector();

  @Test
  public void findsNorthAmericanFormats() {
    assertThat(matches(d, "Call (415) 555-0132 or 415.555.0133, fax 415-555-0134."),
        contains("(415) 555-0132", "415.555.0133", "415-555-0134"));
    assertThat(matches(d, "Office: +1-202-555-0143; cell +1 202 555 0144"),
        contains("+1-202-555-0143", "+1 202 555 0144"));
  }

  @Test
  public void findsInternationalNumbersWithCountryCode() {
    assertThat(matches(d, "London +44 20 7946 0958, Paris +33 1 42 68 53 00."),
        contains("+44 20 7946 0958", "+33 1 42 68 53 00"));
  }

  @Test
  public void ignoresBareDigitRunsDatesPricesAndArithmetic() {
    assertThat(matches(d, "Order 4155550132 shipped; total 1234567 units."), empty());
    assertThat(matches(d, "2024-05-17 and 12/05/2024 at 10:30"), empty());
    assertThat(matches(d, "It costs $1,299.99 or 1 299 999 yen."), empty());
    assertThat(matches(d, "7 * 24 * 60 = 10080 and 123 + 456 = 579"), empty());
    assertThat(matches(d, "+12"), empty());
  }

  @Test
  public void rejectsInvalidAreaCodes() {
    assertThat(matches(d, "call 115-555-0132"), empty());
    assertThat(matches(d, "call 415-155-0132"), empty());
  }
}
