package io.provenir.record;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Renders the JSONL lines of Provenir's outputs: findings, quarantined records and dead letters.
 * Each is one JSON object, UTF-8, no trailing newline. None of them contains a secret or PII value:
 * findings carry offsets and fingerprints, quarantined records their redacted form, dead letters a
 * redacted excerpt.
 */
public final class OutputLines {

  private static final JsonFactory JSON = new JsonFactory();

  private OutputLines() {}

  /**
   * {@code {"record_id","source","line","offset","pointer","type","category","start","end",
   * "detector"[,"fingerprint"]}}; {@code line} is null when unknown.
   */
  public static byte[] finding(JsonlRecord r, Finding f) {
    return write(g -> {
      g.writeStartObject();
      g.writeStringField("record_id", r.id());
      writeRef(g, r.ref());
      g.writeStringField("pointer", f.pointer());
      g.writeStringField("type", f.type());
      g.writeStringField("category", f.category().jsonName());
      g.writeNumberField("start", f.start());
      g.writeNumberField("end", f.end());
      g.writeStringField("detector", f.detector());
      if (f.inKey()) {
        g.writeBooleanField("in_key", true);
      }
      if (f.fingerprint() != null) {
        g.writeStringField("fingerprint", f.fingerprint());
      }
      g.writeEndObject();
    });
  }

  /**
   * A quarantined record: {@code {"record_id","source","line","offset","secrets":[{"type",
   * "pointer","start","end","fingerprint"}],"record":<the record, secrets redacted>}}.
   */
  public static byte[] quarantined(JsonlRecord r, byte[] redacted) {
    byte[] head = write(g -> {
      g.writeStartObject();
      g.writeStringField("record_id", r.id());
      writeRef(g, r.ref());
      g.writeArrayFieldStart("secrets");
      for (Finding f : r.findings()) {
        if (f.category() == io.provenir.scan.Category.SECRET) {
          g.writeStartObject();
          g.writeStringField("type", f.type());
          g.writeStringField("pointer", f.pointer());
          g.writeNumberField("start", f.start());
          g.writeNumberField("end", f.end());
          g.writeStringField("fingerprint", f.fingerprint());
          if (f.inKey()) {
            g.writeBooleanField("in_key", true);
          }
          g.writeEndObject();
        }
      }
      g.writeEndArray();
      g.writeFieldName("record");
      g.writeNull();
      g.writeEndObject();
    });
    return splice(head, redacted);
  }

  /**
   * A record that leaks an eval set: {@code {"record_id","source","line","offset","benchmark",
   * "eval_id","method","score","ngram_matches","matches":[{"benchmark","eval_id","method","score",
   * "ngram_matches","ngram_total"}],"record":<the record, masked>}}. The top-level fields are those
   * of the best match; {@code score} is null when the semantic method did not run.
   */
  public static byte[] contaminated(JsonlRecord r, byte[] masked) {
    io.provenir.decontam.Decontaminator.Verdict v = r.decontamination();
    io.provenir.decontam.Decontaminator.Match top = v.top();
    byte[] head = write(g -> {
      g.writeStartObject();
      g.writeStringField("record_id", r.id());
      writeRef(g, r.ref());
      g.writeStringField("benchmark", top.benchmark());
      g.writeStringField("eval_id", top.evalId());
      g.writeStringField("method", top.method());
      writeScore(g, top.score());
      g.writeNumberField("ngram_matches", top.ngramMatches());
      g.writeArrayFieldStart("matches");
      for (io.provenir.decontam.Decontaminator.Match m : v.matches().subList(0,
          Math.min(v.matches().size(), io.provenir.decontam.Decontaminator.MAX_MATCHES))) {
        g.writeStartObject();
        g.writeStringField("benchmark", m.benchmark());
        g.writeStringField("eval_id", m.evalId());
        g.writeStringField("method", m.method());
        writeScore(g, m.score());
        g.writeNumberField("ngram_matches", m.ngramMatches());
        g.writeNumberField("ngram_total", m.ngramTotal());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeNumberField("matched_items", v.matches().size());
      g.writeFieldName("record");
      g.writeNull();
      g.writeEndObject();
    });
    return splice(head, masked);
  }

  private static void writeScore(JsonGenerator g, double score) throws IOException {
    if (Double.isNaN(score)) {
      g.writeNullField("score");
    } else {
      g.writeNumberField("score", Math.round(score * 10000) / 10000.0);
    }
  }

  /** {@code head} ends with {@code "record":null}}: the record's own bytes replace the null. */
  private static byte[] splice(byte[] head, byte[] record) {
    int cut = head.length - "null}".length();
    byte[] out = new byte[cut + record.length + 1];
    System.arraycopy(head, 0, out, 0, cut);
    System.arraycopy(record, 0, out, cut, record.length);
    out[out.length - 1] = '}';
    return out;
  }

  /**
   * {@code {"source","line","offset","record_id","step","error","message","raw","raw_truncated",
   * "raw_bytes"}}.
   */
  public static byte[] deadLetter(DeadLetter d) {
    return write(g -> {
      g.writeStartObject();
      writeRef(g, d.ref());
      g.writeStringField("record_id", d.recordId());
      g.writeStringField("step", d.step());
      g.writeStringField("error", d.error());
      g.writeStringField("message", d.message());
      g.writeStringField("raw", d.raw());
      g.writeBooleanField("raw_truncated", d.rawTruncated());
      g.writeNumberField("raw_bytes", d.rawBytes());
      g.writeEndObject();
    });
  }

  private static void writeRef(JsonGenerator g, SourceRef ref) throws IOException {
    g.writeStringField("source", ref.source());
    if (ref.line() > 0) {
      g.writeNumberField("line", ref.line());
    } else {
      g.writeNullField("line");
    }
    g.writeNumberField("offset", ref.offset());
  }

  @FunctionalInterface
  private interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  private static byte[] write(Body body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      body.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

}
