package io.provenir.decontam;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.util.List;
import java.util.Map;
import org.junit.Test;

public class EvalItemParserTest {

  @Test
  public void locatorNamesAreFileNamesWithAsManyParentsAsMakeThemDistinct() {
    assertThat(EvalItemParser.locatorNames(List.of("/data/gsm8k/test.jsonl")),
        is(Map.of("/data/gsm8k/test.jsonl", "test.jsonl")));
    Map<String, String> n = EvalItemParser.locatorNames(List.of("/d/mmlu/algebra/test.jsonl",
        "/d/mmlu/history/test.jsonl", "/d/mmlu/extra.jsonl", "/x/a/b/c.jsonl", "/y/a/b/c.jsonl",
        "rel/c.jsonl", "c.jsonl"));
    assertThat(n.get("/d/mmlu/algebra/test.jsonl"), is("algebra/test.jsonl"));
    assertThat(n.get("/d/mmlu/history/test.jsonl"), is("history/test.jsonl"));
    assertThat(n.get("/d/mmlu/extra.jsonl"), is("extra.jsonl"));
    assertThat(n.get("/x/a/b/c.jsonl"), is("x/a/b/c.jsonl"));
    assertThat(n.get("/y/a/b/c.jsonl"), is("y/a/b/c.jsonl"));
    assertThat(n.get("rel/c.jsonl"), is("rel/c.jsonl"));
    assertThat(n.get("c.jsonl"), is("c.jsonl"));
    assertThat(n.values().stream().distinct().count(), is(7L));
    // no more parts to tell apart: each named by itself (this once looped forever)
    Map<String, String> same = EvalItemParser.locatorNames(List.of("data/t.jsonl",
        "/data/t.jsonl", "x/t.jsonl", "x/t.jsonl"));
    assertThat(same.get("data/t.jsonl"), is("data/t.jsonl"));
    assertThat(same.get("/data/t.jsonl"), is("/data/t.jsonl"));
    assertThat(same.get("x/t.jsonl"), is("x/t.jsonl"));
  }

  @Test
  public void invalidUtf8IsNamedWithItsLine() throws Exception {
    java.nio.file.Path f = java.nio.file.Files.createTempFile("ev", ".jsonl");
    try {
      java.nio.file.Files.write(f, new byte[] {'{', '}', '\r', '\n', (byte) 0xff, '{', '}', '\n'});
      IllegalArgumentException e = org.junit.Assert.assertThrows(IllegalArgumentException.class,
          () -> new EvalItemParser("ev", null, null).readFile(f));
      assertThat(e.getMessage(), is(f + ":2: not valid UTF-8"));
      // lines end at \n, \r\n or a lone \r
      java.nio.file.Files.writeString(f, "{\"id\":\"a\",\"question\":\"q\"}\r"
          + "{\"id\":\"b\",\"question\":\"q\"}\r\n\n{\"id\":\"c\",\"question\":\"q\"}");
      assertThat(new EvalItemParser("ev", null, null).readFile(f).stream()
          .map(EvalEntry::id).toList(), is(List.of("a", "b", "c")));
    } finally {
      java.nio.file.Files.delete(f);
    }
  }
}
