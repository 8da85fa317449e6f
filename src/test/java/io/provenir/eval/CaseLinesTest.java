package io.provenir.eval;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import io.provenir.config.SpecException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** A malformed cases file is named by file and line, never quoted (cases are made of secrets). */
public class CaseLinesTest {

  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private Path file(String... lines) throws Exception {
    Path f = tmp.newFile().toPath();
    Files.write(f, java.util.List.of(lines));
    return f;
  }

  @Test
  public void aMalformedPiiCaseIsNamedNotQuoted() throws Exception {
    Path f = file("{\"id\": \"c1\", \"text\": \"hi\", \"entities\": []}",
        "{\"id\": \"c5\", \"text\": AKIAZDOCIS2JHTLGMXGE, \"entities\": []}");
    SpecException e = assertThrows(SpecException.class, () -> CaseLoader.load(f, null));
    assertThat(e.getMessage(), is(f + ":2: invalid JSON at column 22"));
  }

  @Test
  public void aSpanOutsideItsTextIsNamed() throws Exception {
    Path f = file("{\"id\": \"c1\", \"text\": \"hi there\", \"entities\": [{\"type\": \"EMAIL\","
        + " \"start\": 3, \"end\": 40}]}");
    SpecException e = assertThrows(SpecException.class, () -> CaseLoader.load(f, null));
    assertThat(e.getMessage(),
        is(f + ":1: the EMAIL label's span [3, 40) is not within its text (8 code points)"));
  }

  @Test
  public void aMalformedSecretCaseIsNamedNotQuoted() throws Exception {
    Path f = file("{\"id\": \"c1\", \"text\": \"x\", \"secret\": true}",
        "{\"id\": \"c2\", \"text\": ghp_R7tY2uI9oP4aS6dF1gH8jK3lZ5xC0vB2nM7q, \"secret\": true}");
    SpecException e = assertThrows(SpecException.class, () -> SecretEvaluation.load(f, null));
    assertThat(e.getMessage(), is(f + ":2: invalid JSON at column 22"));
    Path g = file("{\"id\": \"c1\", \"text\": \"x\", \"secret\": true}",
        "{\"id\": \"c3\", \"secret\": true}");
    SpecException e2 = assertThrows(SpecException.class, () -> SecretEvaluation.load(g, null));
    assertThat(e2.getMessage(), is(g + ":2: no 'text'"));
    Path h = file("{\"id\": \"c1\", \"text\": \"x\", \"secret\": \"yes\"}");
    SpecException e3 = assertThrows(SpecException.class, () -> SecretEvaluation.load(h, null));
    assertThat(e3.getMessage(), is(h + ":1: 'secret' must be true or false, not a string"));
  }
}
