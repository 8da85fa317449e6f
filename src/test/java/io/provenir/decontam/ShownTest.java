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
      "2001:db8::1", "192.168.1.1",
      // shaped like names, but the detectors find a key, a phone number, an IP or a card in them
      "sk_live_abcdefghijklmnopqrstuvwx", "tel.415.555.2671", "user-415-555-2671",
      "::ffff:10.1.2.3", "ip-10.20.30.40", "cc-4539-5787-6362-1486"}) {
      assertThat(value, Shown.name(value), is("(a name of " + value.length() + " chars)"));
    }
  }

  /**
   * An item id holding PII or a secret is not the item's id anywhere (contaminated/ lists the ids
   * of matched items): its location is, as for an item without an id.
   */
  @Test
  public void anIdHoldingAValueIsReplacedByTheItemsLocation() {
    EvalItemParser p = new EvalItemParser("ev", null, null);
    assertThat(p.parse("{\"id\":\"jane.doe@example.com\",\"question\":\"q\"}", "ev.jsonl:3").id(),
        is("ev.jsonl:3"));
    assertThat(p.parse("{\"id\":4539578763621486,\"question\":\"q\"}", "ev.jsonl:4").id(),
        is("ev.jsonl:4"));
    assertThat(p.parse("{\"id\":\"gsm8k-17\",\"question\":\"q\"}", "ev.jsonl:5").id(),
        is("gsm8k-17"));
    assertThat(new EvalEntry("ev", "jane.doe@example.com", "q", null).toString(),
        not(containsString("jane")));
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
