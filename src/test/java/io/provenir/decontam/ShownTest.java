package io.provenir.decontam;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import org.junit.Test;

public class ShownTest {

  @Test
  public void namesAreShownValuesAreNot() {
    for (String name : new String[] {"question", "id", "gsm8k-test-17", "mmlu/us_history/42",
      "canonical_solution", "HumanEval/12", "taskId"}) {
      assertThat(name, Shown.name(name), is("'" + name + "'"));
    }
    for (String value : new String[] {"jane.doe@example.com", "AKIAZDOCIS2JHTLGMXGE",
      "ghp_R7tY2uI9oP4aS6dF1gH8jK3lZ5xC0vB2nM7q", "4155550132", "219-09-9999", "(415) 555-0132",
      "9du7794g9dpmrcg629be2u66mr26846p", "a question, with spaces?", "10.0.0.1", "fe80::1",
      "2001:db8::1", "192.168.1.1"}) {
      assertThat(value, Shown.name(value), is("(a name of " + value.length() + " chars)"));
    }
  }

  /** An eval line without a text field is described without copying its odd field names. */
  @Test
  public void aLineWithoutTheFieldNamesOnlyItsPlainFields() {
    EvalItemParser p = new EvalItemParser("ev", null, null);
    IllegalArgumentException e = org.junit.Assert.assertThrows(IllegalArgumentException.class,
        () -> p.parse("{\"id\":\"e2\",\"jane.doe@example.com\":\"x\",\"AKIAZDOCIS2JHTLGMXGE\":\"y\"}",
            "ev.jsonl:2"));
    assertThat(e.getMessage(), containsString("(the line has: id, 2 other fields)"));
    assertThat(e.getMessage(), not(containsString("jane")));
    assertThat(e.getMessage(), not(containsString("AKIA")));
  }
}
