package io.provenir.audit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.Test;

public class CanonicalJsonTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static String canon(String json) throws Exception {
    return CanonicalJson.string(JSON.readTree(json));
  }

  @Test
  public void membersAreSortedByCodeUnitsWithoutWhitespace() throws Exception {
    assertThat(canon("{ \"b\": 1, \"a\": {\"z\": [true, null], \"\u00e9\": \"x\", \"B\": 2} }"),
        is("{\"a\":{\"B\":2,\"z\":[true,null],\"\u00e9\":\"x\"},\"b\":1}"));
  }

  @Test
  public void numbersTakeTheirShortestForm() throws Exception {
    assertThat(canon("[1.0, 0.81, -0, 100, 1e21, 1.5e-7, 123456789012345678901234, 0.000001]"),
        is("[1,0.81,0,100,1e+21,1.5e-7,123456789012345678901234,0.000001]"));
  }

  @Test
  public void stringsEscapeOnlyWhatJsonRequires() throws Exception {
    assertThat(canon("[\"a\\\"b\\\\c\\n\\u0001/\u20ac\\ud83d\\ude00\"]"),
        is("[\"a\\\"b\\\\c\\n\\u0001/\u20ac\ud83d\ude00\"]"));
  }
}
