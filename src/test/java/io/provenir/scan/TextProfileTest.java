package io.provenir.scan;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.util.List;
import org.junit.Test;

public class TextProfileTest {

  @Test
  public void countsDigitsAndNotesMarkers() {
    TextProfile p = TextProfile.of("call 415.555.0132 or a@b.io: ٣");
    assertThat(p.digits(), is(10)); // ASCII digits only
    assertThat(p.hasAt(), is(true));
    assertThat(p.hasDot(), is(true));
    assertThat(p.hasColon(), is(true));
    TextProfile none = TextProfile.of("no markers here");
    assertThat(none.digits(), is(0));
    assertThat(none.hasAt() || none.hasDot() || none.hasColon(), is(false));
  }

  @Test
  public void longestTokenRunCountsTokenCharacters() {
    assertThat(TextProfile.of("a bb ccc_d-e. f").longestTokenRun(), is(7));
    assertThat(TextProfile.of("key: ab+c/d=e").longestTokenRun(), is(6)); // base64's + and /
    assertThat(TextProfile.of("").longestTokenRun(), is(0));
    assertThat(TextProfile.of("abc\u00e9abcd").longestTokenRun(), is(4)); // non-ASCII ends a run
  }

  @Test
  public void keywordsAreAnsweredForTheDetectorBeingAsked() {
    KeywordIndex idx = new KeywordIndex(List.of("curl", "-u", "key", "token", "secret"));
    TextProfile p = TextProfile.of("curl -u x:y and a TOKEN", idx);
    assertThat(p.keyword(0) && p.keyword(1) && !p.keyword(2) && p.keyword(3), is(true));
    assertThat(p.nextKeyword(0, 5), is(0));
    assertThat(p.nextKeyword(2, 5), is(3));
    assertThat(p.nextKeyword(4, 5), is(-1));
    p.forKeywordsAt(2); // a detector whose keywords are key, token, secret
    assertThat(p.keyword(0), is(false));
    assertThat(p.keyword(1), is(true));
    assertThat(p.anyKeyword(0, 3), is(true));
    assertThat(p.nextKeyword(0, 3), is(1));
    assertThat(p.anyKeyword(2, 3), is(false));
    assertThat(TextProfile.of("nothing", idx).anyKeyword(0, 5), is(false));
  }
}
