package io.provenir.pii;

import static io.provenir.pii.DetectorAssertions.matches;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;

import org.junit.Test;

public class EmailDetectorTest {

  private final EmailDetector d = new EmailDetector();

  @Test
  public void findsCommonAddressesInProse() {
    assertThat(matches(d, "Reach me at jane.doe@example.com, or cc bob+news@mail.example.org."),
        contains("jane.doe@example.com", "bob+news@mail.example.org"));
  }

  @Test
  public void keepsApostrophesAndInternationalCharacters() {
    assertThat(matches(d, "write to o'brien@example.ie"), contains("o'brien@example.ie"));
    assertThat(matches(d, "contact: josé.núñez@correo.example.es"),
        contains("josé.núñez@correo.example.es"));
    assertThat(matches(d, "пользователь@пример.рф"), contains("пользователь@пример.рф"));
    // letters outside the Basic Multilingual Plane are two chars each, and letters all the same
    assertThat(matches(d, "contact 𠮷田@example.jp or 𠮷@example.com"),
        contains("𠮷田@example.jp", "𠮷@example.com"));
    assertThat(matches(d, "𝓳𝓪𝓷𝓮.doe@example.com"), contains("𝓳𝓪𝓷𝓮.doe@example.com"));
  }

  @Test
  public void excludesSurroundingQuotesAndPunctuation() {
    assertThat(matches(d, "'admin@example.com'"), contains("admin@example.com"));
    assertThat(matches(d, "<a href=\"mailto:ops@example.net\">"), contains("ops@example.net"));
  }

  @Test
  public void rejectsWhatCannotBeADomain() {
    assertThat(matches(d, "user@localhost"), empty());
    assertThat(matches(d, "user@example.c0m"), empty());
    assertThat(matches(d, "user@-bad.example.com"), empty());
    assertThat(matches(d, "user.@example.com"), empty());
    assertThat(matches(d, "a..b@example.com"), empty());
    assertThat(matches(d, "@example.com and foo@"), empty());
    assertThat(matches(d, "pip install pkg@1.2.3"), empty());
  }

  @Test
  public void handlesManyAtSignsAndLongRunsLinearly() {
    String hostile = "@".repeat(200_000) + "a".repeat(200_000) + "@" + "b".repeat(100_000);
    assertThat(matches(d, hostile), empty());
  }
}
