package io.provenir.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.provenir.record.JsonlRecord;
import io.provenir.record.Sensitive;
import io.provenir.record.SourceRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** One record of a {@link JsonlDataset}: its id, location and JSON. Immutable. */
public final class DatasetRecord {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final JsonlRecord record;

  DatasetRecord(JsonlRecord record) {
    this.record = record;
  }

  JsonlRecord record() {
    return record;
  }

  /**
   * The id field's value, or {@code <file>:<line>} when the record has none, or when a PII or
   * secret detector finds something in it (reports name records by id, and never carry values:
   * as the pipeline does).
   */
  public String id() {
    String id = record.id();
    String locator = record.ref().locator();
    return id.equals(locator) || !Sensitive.holdsFinding(id) ? id : locator;
  }

  /** Where the record came from. */
  public SourceRef source() {
    return record.ref();
  }

  /** The record's JSON line as it will be saved (masked, if the dataset is masked). */
  public String line() {
    return new String(record.raw(), StandardCharsets.UTF_8);
  }

  /** The record as a JSON tree (a fresh copy each call). */
  public JsonNode json() {
    try {
      return JSON.readTree(line());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The string at {@code pointer} (e.g. {@code /messages/0/content}), or null. */
  public String text(String pointer) {
    JsonNode n = json().at(pointer);
    return n.isTextual() ? n.asText() : null;
  }

  @Override
  public String toString() {
    return "DatasetRecord{" + record.ref().locator() + "}";
  }
}
