package io.provenir.transforms;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class WriteJsonlTest {

  @Rule public final transient TestPipeline p = TestPipeline.create();
  @Rule public final transient TemporaryFolder tmp = new TemporaryFolder();

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(x -> x.getFileName().toString()).sorted().toList();
    }
  }

  private static List<String> lines(Path dir) throws IOException {
    List<String> all = new ArrayList<>();
    for (String n : names(dir)) {
      all.addAll(Files.readAllLines(dir.resolve(n), StandardCharsets.UTF_8));
    }
    return all;
  }

  @Test
  public void writesConsecutivelyNumberedShardsWithEveryLine() throws IOException {
    Path dir = tmp.getRoot().toPath().resolve("out");
    List<byte[]> in = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      expected.add("{\"n\":" + i + "}");
      in.add(expected.get(i).getBytes(StandardCharsets.UTF_8));
    }
    p.apply(Create.of(in).withCoder(ByteArrayCoder.of())).apply(WriteJsonl.to(dir.toString()));
    p.run().waitUntilFinish();
    List<String> names = names(dir);
    assertThat(names, everyItem(matchesPattern("part-\\d{5}-of-\\d{5}\\.jsonl")));
    String total = names.get(0).substring(14, 19);
    for (int i = 0; i < names.size(); i++) {
      assertThat(names.get(i), is(String.format("part-%05d-of-%s.jsonl", i, total)));
    }
    assertThat(Integer.parseInt(total), is(names.size()));
    assertThat(lines(dir), containsInAnyOrder(expected.toArray()));
  }

  @Test
  public void anEmptyOutputIsOneEmptyFile() throws IOException {
    Path dir = tmp.getRoot().toPath().resolve("empty");
    p.apply(Create.empty(ByteArrayCoder.of())).apply(WriteJsonl.to(dir.toString()));
    p.run().waitUntilFinish();
    assertThat(names(dir), containsInAnyOrder("part-00000-of-00001.jsonl"));
    assertThat(lines(dir), empty());
  }
}
