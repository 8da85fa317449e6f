package io.provenir.bench;

import io.provenir.io.LineReader;
import io.provenir.pii.PhoneDetector;
import io.provenir.pii.PiiDetectors;
import io.provenir.pii.PiiMasking;
import io.provenir.pii.PiiType;
import io.provenir.record.BadRecordException;
import io.provenir.record.FieldSelector;
import io.provenir.record.Finding;
import io.provenir.record.JsonRecordParser;
import io.provenir.record.JsonlLine;
import io.provenir.record.JsonlRecord;
import io.provenir.record.RecordRedactor;
import io.provenir.record.RecordScanner;
import io.provenir.record.SourceRef;
import io.provenir.record.StringLeaf;
import io.provenir.scan.Detector;
import io.provenir.scan.TextScanner;
import io.provenir.secrets.Fingerprints;
import io.provenir.secrets.SecretAllowlist;
import io.provenir.secrets.SecretDetectors;
import java.io.BufferedOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The core engine on one thread, no Beam: read JSONL, parse, scan every string for PII and
 * secrets, mask PII and redact secrets, write the masked JSONL, as the pipeline's steps do per
 * record (ParseRecords, ScanRecords, MaskPii). Prints one line of
 * {@code key=value} pairs for bench/run.sh.
 *
 * <p>Usage: {@code EngineBench CORPUS OUT [ROUNDS]}; the last round is reported (earlier ones
 * warm the JIT up).
 */
public final class EngineBench {

  public static void main(String[] args) throws Exception {
    Path corpus = Path.of(args[0]);
    Path out = Path.of(args[1]);
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
    long bytes = Files.size(corpus);
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    String result = "";
    for (int round = 1; round <= rounds; round++) {
      long cpu0 = mx.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      long[] counts = run(corpus, out);
      double secs = (System.nanoTime() - t0) / 1e9;
      double cpu = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9;
      result = String.format(Locale.ROOT, "round=%d bytes=%d records=%d findings=%d changed=%d"
          + " bad=%d seconds=%.2f cpu_seconds=%.2f mb_per_s=%.2f records_per_s=%.0f", round,
          bytes, counts[0], counts[1], counts[2], counts[3], secs, cpu, bytes / 1e6 / secs,
          counts[0] / secs);
      System.err.println("engine " + result);
    }
    System.out.println(result);
  }

  /** One pass; returns records, findings, records changed, bad lines. */
  /**
   * One pass over {@code corpus}: records, findings, records changed, bad lines, and the
   * nanoseconds spent scanning and masking (parsing, reading and writing excluded).
   */
  static long[] run(Path corpus, Path out) throws Exception {
    JsonRecordParser parser = new JsonRecordParser("id");
    // As ScanRecords builds it: secret and PII detectors in one scanner.
    List<Detector> detectors = new ArrayList<>(SecretDetectors.all());
    detectors.addAll(PiiDetectors.forTypes(PiiType.names(), PhoneDetector.DEFAULT_REGIONS));
    RecordScanner scanner = new RecordScanner(new TextScanner(detectors),
        FieldSelector.of(List.of()), Fingerprints.fromEnvironment(), SecretAllowlist.none());
    RecordRedactor redactor = new RecordRedactor(PiiMasking.placeholders());
    String source = corpus.getFileName().toString();
    long records = 0;
    long findings = 0;
    long changed = 0;
    long bad = 0;
    long scanNanos = 0;
    try (InputStream in = Files.newInputStream(corpus);
        OutputStream os = new BufferedOutputStream(Files.newOutputStream(out), 1 << 20)) {
      // Records up to 64 MiB (the pipeline dead-letters lines over input.max_record_bytes).
      LineReader lines = new LineReader(in, 0, 1 << 26, 1024);
      long lineNo = 0;
      while (lines.next()) {
        lineNo++;
        if (lines.blank() || lines.oversize()) {
          bad += lines.oversize() ? 1 : 0;
          continue;
        }
        byte[] raw = lines.bytes();
        try {
          JsonlRecord r = JsonlRecord.parse(new JsonlLine(
              new SourceRef(source, lineNo, lines.offset()), raw, raw.length, false), parser);
          List<StringLeaf> leaves = r.leaves();
          long t0 = System.nanoTime();
          List<Finding> all = scanner.scan(leaves);
          byte[] masked = all.isEmpty() ? raw : redactor.redact(raw, leaves, all);
          scanNanos += System.nanoTime() - t0;
          if (masked != raw) {
            changed++;
          }
          findings += all.size();
          os.write(masked);
          os.write('\n');
          records++;
        } catch (BadRecordException e) {
          bad++;
        }
      }
    }
    return new long[] {records, findings, changed, bad, scanNanos};
  }
}
