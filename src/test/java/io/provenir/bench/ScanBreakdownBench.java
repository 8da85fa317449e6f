package io.provenir.bench;

import io.provenir.io.LineReader;
import io.provenir.pii.PhoneDetector;
import io.provenir.pii.PiiDetectors;
import io.provenir.pii.PiiType;
import io.provenir.record.BadRecordException;
import io.provenir.record.JsonRecordParser;
import io.provenir.record.StringLeaf;
import io.provenir.scan.Detector;
import io.provenir.scan.KeywordIndex;
import io.provenir.scan.TextProfile;
import io.provenir.scan.TextScanner;
import io.provenir.secrets.SecretDetectors;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where the engine's scan time goes: the corpus's lines and string leaves held in memory, then
 * each part timed alone on one thread (parsing, the string profile with and without the keyword
 * automaton of every detector, the PII and the secret scanner, and a scanner per detector).
 * Prints milliseconds per part, best of the rounds. Not a test: a profiling aid.
 *
 * <p>Usage: {@code ScanBreakdownBench CORPUS [MAX_MB] [ROUNDS]}
 */
public final class ScanBreakdownBench {

  public static void main(String[] args) throws Exception {
    Path corpus = Path.of(args[0]);
    long maxBytes = (args.length > 1 ? Long.parseLong(args[1]) : 100) << 20;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    List<byte[]> lines = new ArrayList<>();
    long total = 0;
    try (InputStream in = Files.newInputStream(corpus)) {
      LineReader r = new LineReader(in, 0, 1 << 26, 1024);
      while (r.next() && total < maxBytes) {
        if (!r.blank() && !r.oversize()) {
          lines.add(r.bytes().clone());
          total += r.bytes().length + 1;
        }
      }
    }
    JsonRecordParser parser = new JsonRecordParser("id");
    List<String> strings = new ArrayList<>();
    for (byte[] line : lines) {
      try {
        for (StringLeaf leaf : parser.parse(line).leaves()) {
          strings.add(leaf.text());
        }
      } catch (BadRecordException e) {
        // not counted
      }
    }
    System.err.printf(Locale.ROOT, "%d lines, %.1f MB, %d strings%n", lines.size(), total / 1e6,
        strings.size());
    List<Detector> pii = PiiDetectors.forTypes(PiiType.names(), PhoneDetector.DEFAULT_REGIONS);
    List<Detector> secrets = SecretDetectors.all();
    List<Detector> both = new ArrayList<>(secrets);
    both.addAll(pii);
    time("parse", rounds, () -> {
      long n = 0;
      for (byte[] line : lines) {
        try {
          n += parser.parse(line).leaves().size();
        } catch (BadRecordException e) {
          n--;
        }
      }
      return n;
    });
    List<String> keywords = new ArrayList<>();
    for (Detector d : both) {
      keywords.addAll(d.keywords());
    }
    KeywordIndex index = new KeywordIndex(keywords);
    time("profile: counts", rounds, () -> profileAll(strings, KeywordIndex.NONE));
    time("profile: counts and keywords", rounds, () -> profileAll(strings, index));
    time("scan: pii", rounds, () -> scanAll(new TextScanner(pii), strings));
    time("scan: secrets", rounds, () -> scanAll(new TextScanner(secrets), strings));
    time("scan: both in one scanner", rounds, () -> scanAll(new TextScanner(both), strings));
    for (Detector d : both) {
      time("  " + d.id(), rounds, () -> scanAll(new TextScanner(List.of(d)), strings));
    }
  }

  private static long profileAll(List<String> strings, KeywordIndex index) {
    long n = 0;
    for (String s : strings) {
      n += TextProfile.of(s, index).digits();
    }
    return n;
  }

  private static long scanAll(TextScanner scanner, List<String> strings) {
    long n = 0;
    for (String s : strings) {
      n += scanner.scan(s).size();
    }
    return n;
  }

  interface Part {
    long run();
  }

  private static void time(String name, int rounds, Part part) {
    long best = Long.MAX_VALUE;
    long result = 0;
    for (int i = 0; i < rounds; i++) {
      long t0 = System.nanoTime();
      result = part.run();
      best = Math.min(best, System.nanoTime() - t0);
    }
    System.out.printf(Locale.ROOT, "%-40s %8.1f ms  (%d)%n", name, best / 1e6, result);
  }
}
