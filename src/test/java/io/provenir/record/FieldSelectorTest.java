package io.provenir.record;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import java.util.List;
import org.junit.Test;

public class FieldSelectorTest {

  @Test
  public void emptySelectsEverything() {
    assertThat(FieldSelector.all().matches("/anything/0"), is(true));
  }

  @Test
  public void selectsExactPrefixAndWildcardPaths() {
    FieldSelector s = FieldSelector.of(List.of("/prompt", "/messages/*/content", "/meta"));
    assertThat(s.matches("/prompt"), is(true));
    assertThat(s.matches("/prompts"), is(false));
    assertThat(s.matches("/messages/3/content"), is(true));
    assertThat(s.matches("/messages/3/role"), is(false));
    assertThat(s.matches("/meta/notes/0"), is(true));
    assertThat(s.matches("/response"), is(false));
  }

  @Test
  public void theRecordIdIsNotContentWhenEveryFieldIsSelected() throws Exception {
    byte[] line = "{\"id\":\"train-17\",\"q\":\"What is 2+2?\",\"meta\":{\"id\":\"x\"}}"
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    List<StringLeaf> leaves = new JsonRecordParser("id").parse(line).leaves();
    assertThat(RecordText.of(leaves, FieldSelector.all()), is("train-17\u001eWhat is 2+2?\u001ex"));
    assertThat(RecordText.of(leaves, FieldSelector.all().exceptRecordId("/id")),
        is("What is 2+2?\u001ex"));
    assertThat(RecordText.of(leaves, FieldSelector.all().exceptRecordId("/meta/id")),
        is("train-17\u001eWhat is 2+2?"));
    // Fields chosen by name are compared as chosen, the id too if asked for.
    assertThat(RecordText.of(leaves, FieldSelector.of(List.of("/id", "/q")).exceptRecordId("/id")),
        is("train-17\u001eWhat is 2+2?"));
    assertThat(FieldSelector.all().exceptRecordId(null).matches("/id"), is(true));
  }

  @Test
  public void rejectsNonPointers() {
    assertThrows(IllegalArgumentException.class, () -> FieldSelector.of(List.of("prompt")));
  }

  @Test
  public void foldsArrayIndicesAndEscapesTokens() {
    assertThat(JsonPointers.foldIndices("/messages/12/content"), is("/messages/*/content"));
    assertThat(JsonPointers.foldIndices("/a/0/b/1"), is("/a/*/b/*"));
    assertThat(JsonPointers.foldIndices("/v2/x"), is("/v2/x"));
    assertThat(JsonPointers.escape("a/b~c"), is("a~1b~0c"));
    assertThat(JsonPointers.fromFieldOrPointer("id"), is("/id"));
    assertThat(JsonPointers.fromFieldOrPointer("/meta/uid"), is("/meta/uid"));
  }
}
