package io.provenir.scan;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

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
}
