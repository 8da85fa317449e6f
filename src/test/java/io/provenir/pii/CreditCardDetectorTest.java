package io.provenir.pii;

import static io.provenir.pii.DetectorAssertions.matches;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

import org.junit.Test;

public class CreditCardDetectorTest {

  private final CreditCardDetector d = new CreditCardDetector();

  @Test
  public void findsLuhnValidCardsOfKnownIssuers() {
    assertThat(matches(d, "Visa 4111 1111 1111 1111, MC 5500-0000-0000-0004, Amex 378282246310005"),
        contains("4111 1111 1111 1111", "5500-0000-0000-0004", "378282246310005"));
    assertThat(matches(d, "Amex grouped 3782 822463 10005 and Discover 6011111111111117"),
        contains("3782 822463 10005", "6011111111111117"));
  }

  @Test
  public void rejectsLuhnFailures() {
    assertThat(matches(d, "4111 1111 1111 1112 and 5500000000000005"), empty());
  }

  @Test
  public void rejectsUnknownIssuersAndWrongLengths() {
    // Luhn-valid but the prefix of no issuer (a 9...), and a Visa prefix with 15 digits
    assertThat(matches(d, "9111111111111111 and 411111111111116"), empty());
  }

  @Test
  public void rejectsMixedSeparatorsAndDigitsInsideLongerRuns() {
    assertThat(matches(d, "4111 1111-1111 1111"), empty());
    assertThat(matches(d, "id 94111111111111111 and 4111111111111111234567"), empty());
  }

  /**
   * Cards are written in groups of four (the last shorter) or the 4-6-5 / 4-6-4 layouts; a row
   * of three-digit numbers holds a Luhn-valid stretch with an issuer's prefix now and then
   * ({@code 377 539 248 203 749} is a valid American Express number) and is no card.
   */
  @Test
  public void findsCardsOnlyInTheLayoutsCardsAreWrittenIn() {
    assertThat(matches(d, "Visa 4222 2222 2222 2, Diners 3056 930902 5904, 19 digits "
        + "6304 0000 0000 0000 018"),
        contains("4222 2222 2222 2", "3056 930902 5904", "6304 0000 0000 0000 018"));
    assertThat(matches(d, "| 437 377 539 248 203 749 570 |"), empty());
    assertThat(matches(d, "41 1111 1111 1111 11"), empty());
  }

  @Test
  public void validatesLuhnAndIssuers() {
    assertThat(Luhn.isValid("79927398713"), is(true));
    assertThat(Luhn.isValid("79927398710"), is(false));
    assertThat(Luhn.isValid(""), is(false));
    assertThat(CreditCardDetector.isKnownIssuer("2221000000000009"), is(true));
    assertThat(CreditCardDetector.isKnownIssuer("3530111333300000"), is(true));
    assertThat(CreditCardDetector.isKnownIssuer("1234567812345670"), is(false));
  }
}
