package io.provenir.transforms;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import io.provenir.record.JsonlLine;
import io.provenir.report.Tally;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ReadJsonlTest {

  @Rule public final transient TestPipeline p = TestPipeline.create();
  @Rule public final transient TemporaryFolder tmp = new TemporaryFolder();

  private InputFile write(String name, String content) throws IOException {
    Path f = tmp.getRoot().toPath().resolve(name);
    Files.writeString(f, content);
    return new InputFile(f.toString(), name, Files.size(f));
  }

  private InputFile writeGz(String name, String content) throws IOException {
    Path f = tmp.getRoot().toPath().resolve(name);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f))) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
    }
    return new InputFile(f.toString(), name, Files.size(f));
  }

  private static PCollection<String> describe(PCollection<JsonlLine> lines) {
    return lines.apply("Describe", MapElements.into(TypeDescriptors.strings()).via(l -> l.ref().locator() + " "
        + new String(l.bytes(), StandardCharsets.UTF_8) + (l.oversize() ? " OVERSIZE" : "")));
  }

  private static PCollection<String> totals(PCollection<Tally> tallies) {
    return tallies.apply("AddUp", Combine.globally(new WriteReport.MergeTallies()))
        .setCoder(ProvenirCoders.TallyCoder.of())
        .apply("Totals", MapElements.into(TypeDescriptors.strings()).via(t -> t.inputLines() + " lines, "
            + t.blankLines() + " blank, " + t.sources().size() + " sources"));
  }

  /**
   * A truncated gzip file fails the read with a message that names the file and the last line
   * read (the stream itself says only EOFException), which the run's one-line error then shows.
   */
  @Test
  public void aTruncatedCompressedFileFailsNamingTheFileAndLine() throws IOException {
    StringBuilder sb = new StringBuilder();
    java.util.Random rnd = new java.util.Random(3);
    for (int i = 0; i < 2_000; i++) {
      sb.append("{\"n\":").append(i).append(",\"t\":\"").append(rnd.nextLong()).append("\"}\n");
    }
    InputFile whole = writeGz("t.jsonl.gz", sb.toString());
    Path cut = tmp.getRoot().toPath().resolve("cut.jsonl.gz");
    byte[] bytes = Files.readAllBytes(Path.of(whole.resourceId()));
    Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    p.apply(ReadJsonl.from(List.of(new InputFile(cut.toString(), "cut.jsonl.gz", bytes.length / 2L))));
    Throwable e = org.junit.Assert.assertThrows(RuntimeException.class, () -> p.run());
    while (e != null && !(e instanceof io.provenir.io.InputReadException)) {
      e = e.getCause();
    }
    assertThat(e != null, is(true));
    assertThat(e.getMessage(), org.hamcrest.Matchers.matchesPattern(
        "cannot read .*cut\\.jsonl\\.gz after line [0-9]+: it ends early .*"));
  }

  @Test
  public void readsLinesWithLineNumbersSkippingBlankOnes() throws IOException {
    InputFile a = write("a.jsonl", "{\"a\":1}\n\n{\"a\":2}\r\n  \n{\"a\":3}");
    InputFile gz = writeGz("b.jsonl.gz", "{\"b\":1}\n{\"b\":2}\n");
    InputFile empty = write("empty.jsonl", "");
    PCollectionTuple out = p.apply(ReadJsonl.from(List.of(a, gz, empty)));
    PAssert.that(describe(out.get(ReadJsonl.LINES))).containsInAnyOrder(
        "a.jsonl:1 {\"a\":1}", "a.jsonl:3 {\"a\":2}", "a.jsonl:5 {\"a\":3}",
        "b.jsonl.gz:1 {\"b\":1}", "b.jsonl.gz:2 {\"b\":2}");
    PAssert.thatSingleton(totals(out.get(ReadJsonl.TALLIES))).isEqualTo(
        "7 lines, 2 blank, 3 sources");
    p.run();
  }

  @Test
  public void splitFilesAreReadInRangesEachLineOnceLocatedByOffset() throws IOException {
    StringBuilder sb = new StringBuilder();
    List<String> expected = new ArrayList<>();
    long offset = 0;
    for (int i = 0; i < 300; i++) {
      String line = "{\"n\":" + i + ",\"pad\":\"" + "x".repeat(i % 50) + "\"}";
      sb.append(line).append('\n');
      expected.add("big.jsonl@" + offset + " " + line);
      offset += line.length() + 1;
    }
    InputFile big = write("big.jsonl", sb.toString());
    List<FileRange> ranges = ReadJsonl.plan(List.of(big), 1024, false);
    assertThat(ranges.size() > 5, is(true));
    PCollectionTuple out = p.apply(ReadJsonl.from(List.of(big)).withSplitBytes(1024));
    PAssert.that(describe(out.get(ReadJsonl.LINES))).containsInAnyOrder(expected);
    PAssert.thatSingleton(totals(out.get(ReadJsonl.TALLIES))).isEqualTo(
        "300 lines, 0 blank, 1 sources");
    // Read as one range (as on the Direct Runner), in small blocks: the same lines, named alike.
    assertThat(ReadJsonl.plan(List.of(big), 1024, true).size(), is(1));
    PCollectionTuple one = p.apply("OneRange", ReadJsonl.from(List.of(big)).withSplitBytes(1024)
        .withOneRangePerFile(true).withBlockBytes(700));
    PAssert.that(one.get(ReadJsonl.LINES).apply("DescribeOne",
        MapElements.into(TypeDescriptors.strings()).via(l -> l.ref().locator() + " "
            + new String(l.bytes(), StandardCharsets.UTF_8)))).containsInAnyOrder(expected);
    p.run();
  }

  @Test
  public void smallBlocksResumeWhereTheyLeftOffInPlainSplitAndCompressedFiles() throws IOException {
    StringBuilder sb = new StringBuilder();
    List<String> plain = new ArrayList<>();
    List<String> split = new ArrayList<>();
    List<String> gz = new ArrayList<>();
    long offset = 0;
    for (int i = 0; i < 200; i++) {
      String line = i % 17 == 5 ? "" : "{\"n\":" + i + ",\"pad\":\"" + "x".repeat(i % 60) + "\"}";
      sb.append(line).append('\n');
      if (!line.isEmpty()) {
        plain.add("p.jsonl:" + (i + 1) + " " + line);
        split.add("s.jsonl@" + offset + " " + line);
        gz.add("g.jsonl.gz:" + (i + 1) + " " + line);
      }
      offset += line.length() + 1;
    }
    InputFile p1 = write("p.jsonl", sb.toString());
    InputFile s1 = write("s.jsonl", sb.toString());
    InputFile g1 = writeGz("g.jsonl.gz", sb.toString());
    // Blocks far smaller than a line or a range: lines span blocks, most blocks start mid-line.
    PCollectionTuple small = p.apply("Numbered", ReadJsonl.from(List.of(p1, g1))
        .withBlockBytes(37));
    PCollectionTuple ranged = p.apply("Ranged", ReadJsonl.from(List.of(s1))
        .withSplitBytes(1024).withBlockBytes(100));
    List<String> numbered = new ArrayList<>(plain);
    numbered.addAll(gz);
    PAssert.that(describe(small.get(ReadJsonl.LINES))).containsInAnyOrder(numbered);
    PAssert.that(ranged.get(ReadJsonl.LINES).apply("DescribeRanged",
        MapElements.into(TypeDescriptors.strings()).via(l -> l.ref().locator() + " "
            + new String(l.bytes(), StandardCharsets.UTF_8)))).containsInAnyOrder(split);
    PAssert.thatSingleton(totals(small.get(ReadJsonl.TALLIES))).isEqualTo(
        "400 lines, 24 blank, 2 sources");
    p.run();
  }

  @Test
  public void oversizeLinesArePassedOnAsMarkedPrefixes() throws IOException {
    InputFile a = write("a.jsonl", "{\"ok\":1}\n{\"big\":\"" + "y".repeat(5000) + "\"}\n");
    PCollectionTuple out = p.apply(ReadJsonl.from(List.of(a)).withMaxRecordBytes(100));
    PAssert.that(describe(out.get(ReadJsonl.LINES))).containsInAnyOrder(
        "a.jsonl:1 {\"ok\":1}", "a.jsonl:2 {\"big\":\"" + "y".repeat(92) + " OVERSIZE");
    p.run();
  }

  @Test
  public void compressedFilesAreNeverSplit() throws IOException {
    InputFile gz = writeGz("c.jsonl.gz", "{}\n".repeat(10));
    InputFile big = new InputFile(gz.resourceId(), gz.source(), 10L << 30);
    assertThat(ReadJsonl.plan(List.of(big), 1024, false).size(), is(1));
    p.run();
  }
}
