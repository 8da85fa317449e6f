package io.provenir.pii;

import static io.provenir.pii.DetectorAssertions.matches;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;

import org.junit.Test;

public class SsnDetectorTest {

  private final SsnDetector d = new SsnDetector();

  @Test
  public void findsDashedAndSpacedForms() {
    assertThat(matches(d, "SSN 123-45-6789 and 234 56 7890."),
        contains("123-45-6789", "234 56 7890"));
  }

  @Test
  public void findsUndelimitedFormOnlyWithContext() {
    assertThat(matches(d, "my social security number is 123456789"), contains("123456789"));
    assertThat(matches(d, "SSN: 234567891"), contains("234567891"));
    assertThat(matches(d, "order number 123456789 shipped"), empty());
  }

  @Test
  public void rejectsNumbersThatAreNeverIssued() {
    assertThat(matches(d, "000-12-3456 666-12-3456 912-34-5678 123-00-4567 123-45-0000"),
        empty());
  }

  @Test
  public void rejectsMixedSeparatorsAndLongerRuns() {
    assertThat(matches(d, "123-45 6789 and 1123-45-6789 and 123-45-67890"), empty());
  }

  @Test
  public void patternsAreTriedOnlyAtDigitRunsOfTheirShape() {
    int delimited = SsnDetector.DELIMITED_SHAPE;
    int nine = SsnDetector.UNDELIMITED_SHAPE;
    org.junit.Assert.assertEquals(4, SsnDetector.runStart("ssn 123-45-6789 on file", 0, delimited));
    org.junit.Assert.assertEquals(0, SsnDetector.runStart("123 45 6789", 0, delimited));
    org.junit.Assert.assertEquals(-1, SsnDetector.runStart("123 45 6789", 1, delimited));
    org.junit.Assert.assertEquals(4, SsnDetector.runStart("ssn 123456789", 0, nine));
    org.junit.Assert.assertEquals(-1, SsnDetector.runStart("ssn 123456789", 0, delimited));
    org.junit.Assert.assertEquals(-1, SsnDetector.runStart(
        "order 1234-45-6789, 12-345-6789, 2026-11-26", 0, delimited | nine));
    org.junit.Assert.assertEquals(-1, SsnDetector.runStart("123-45_6789 and 1234567890", 0,
        delimited | nine));
    // the second of two numbers, after the first one's run
    org.junit.Assert.assertEquals(16, SsnDetector.runStart("123-45-6789 and 987-65-4321", 1,
        delimited));
  }
}
