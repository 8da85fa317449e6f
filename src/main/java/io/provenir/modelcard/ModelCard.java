package io.provenir.modelcard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A rendered Hugging Face model card: YAML front matter (metadata) and a Markdown body. */
public final class ModelCard {

  static final YAMLMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
          .stringQuotingChecker(new Yaml11Quoting()).build())
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
      .build();

  /**
   * Quotes, besides what Jackson quotes (booleans, null, numbers), every string that a YAML 1.1
   * reader (PyYAML, which {@code huggingface_hub} uses) resolves to something else: dates and
   * times ({@code 2024-06-01} is a date), base-60 numbers ({@code 12:30} is 750), {@code =} and
   * {@code <<}, {@code ~}, {@code .inf}/{@code .nan}, and the one-letter booleans.
   */
  static final class Yaml11Quoting extends StringQuotingChecker.Default {
    private static final java.util.regex.Pattern IMPLICIT = java.util.regex.Pattern.compile(
        "[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}.*" // timestamps (anything that starts like one)
            + "|[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\\.[0-9_]*)?" // base 60
            + "|[-+]?(0b[01_]+|0x[0-9a-fA-F_]+|0[0-7_]+|[0-9][0-9_]*)" // ints
            + "|[-+]?([0-9][0-9_]*)?\\.[0-9_]*([eE][-+][0-9]+)?" // floats
            + "|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)"
            + "|=|<<|~|[yYnN]|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF"
            + "|true|True|TRUE|false|False|FALSE|null|Null|NULL",
        java.util.regex.Pattern.DOTALL);

    @Override
    public boolean needToQuoteValue(String value) {
      return super.needToQuoteValue(value) || IMPLICIT.matcher(value).matches();
    }

    @Override
    public boolean needToQuoteName(String name) {
      return super.needToQuoteName(name) || IMPLICIT.matcher(name).matches();
    }
  }

  private final ObjectNode metadata;
  private final String body;

  ModelCard(ObjectNode metadata, String body) {
    this.metadata = metadata;
    this.body = body;
  }

  /** The front matter's data (a copy). */
  public ObjectNode metadata() {
    return metadata.deepCopy();
  }

  public String body() {
    return body;
  }

  /** The whole card: {@code ---}, the YAML front matter, {@code ---}, the body. */
  public String render() {
    try {
      return "---\n" + YAML.writeValueAsString(plainNumbers(metadata.deepCopy())) + "---\n\n"
          + body;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * {@code node} with its floating-point numbers in a form YAML 1.1 reads as floats: a dot and, if
   * any, a signed exponent ({@code 1.5E+7}, {@code 0.81}; PyYAML reads {@code 1.5E7} as a
   * string). {@code BigDecimal}'s text of {@code Double.toString} has both.
   */
  private static com.fasterxml.jackson.databind.JsonNode plainNumbers(
      com.fasterxml.jackson.databind.JsonNode node) {
    if (node instanceof ObjectNode o) {
      o.fields().forEachRemaining(e -> e.setValue(plainNumbers(e.getValue())));
    } else if (node instanceof com.fasterxml.jackson.databind.node.ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        a.set(i, plainNumbers(a.get(i)));
      }
    } else if (node.isFloatingPointNumber() && Double.isFinite(node.doubleValue())) {
      return com.fasterxml.jackson.databind.node.DecimalNode.valueOf(
          new java.math.BigDecimal(Double.toString(node.doubleValue())));
    }
    return node;
  }

  public void save(Path file) throws IOException {
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    Files.writeString(file, render(), StandardCharsets.UTF_8);
  }
}
