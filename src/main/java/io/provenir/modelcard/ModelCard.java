package io.provenir.modelcard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A rendered Hugging Face model card: YAML front matter (metadata) and a Markdown body. */
public final class ModelCard {

  static final YAMLMapper YAML = YAMLMapper.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
      .build();

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
      return "---\n" + YAML.writeValueAsString(metadata) + "---\n\n" + body;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public void save(Path file) throws IOException {
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    Files.writeString(file, render(), StandardCharsets.UTF_8);
  }
}
