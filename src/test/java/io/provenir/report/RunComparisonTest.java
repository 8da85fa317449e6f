package io.provenir.report;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class RunComparisonTest {

  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private Path run(String name, String report, String... shards) throws Exception {
    Path dir = tmp.getRoot().toPath().resolve(name);
    Files.createDirectories(dir.resolve("clean"));
    for (int i = 0; i < shards.length; i++) {
      Files.writeString(dir.resolve("clean").resolve("part-" + i + ".jsonl"), shards[i]);
    }
    Files.writeString(dir.resolve("report.json"), report);
    return dir;
  }

  private static String report(long clean, String runner, String path) {
    return "{\"run_id\":\"r-" + runner + "\",\"runner\":\"" + runner + "\",\"counts\":{\"clean\":"
        + clean + "},\"outputs\":{\"clean\":{\"path\":\"" + path + "\",\"lines\":" + clean
        + ",\"files\":[\"x\"]}}}";
  }

  @Test
  public void sameRecordsInOtherShardsAndOrderAreIdentical() throws Exception {
    Path a = run("a", report(3, "DirectRunner", "/a/clean/"), "{\"id\":1}\n{\"id\":2}\n",
        "{\"id\":3}\n");
    Path b = run("b", report(3, "FlinkRunner", "/b/clean/"), "{\"id\":3}\n{\"id\":1}\n",
        "", "{\"id\":2}\n");
    RunComparison.Result r = RunComparison.compare(a, b);
    assertThat(r.reportDiffs(), is(empty()));
    assertThat(r.identical(), is(true));
  }

  @Test
  public void aLostOrDuplicatedLineIsFoundByLocationNotContent() throws Exception {
    Path a = run("a", report(3, "DirectRunner", "/a/"), "{\"id\":1}\n{\"id\":2}\n{\"id\":3}\n");
    Path b = run("b", report(3, "FlinkRunner", "/b/"), "{\"id\":1}\n{\"id\":3}\n{\"id\":3}\n");
    RunComparison.Result r = RunComparison.compare(a, b);
    assertThat(r.identical(), is(false));
    RunComparison.OutputDiff clean = r.outputs().get(0);
    assertThat(clean.onlyA(), is(1L));
    assertThat(clean.onlyB(), is(1L));
    assertThat(clean.firstOnlyA(), is("clean/part-0.jsonl:2"));
    assertThat(clean.firstOnlyB(), is("clean/part-0.jsonl:2"));
  }

  @Test
  public void reportCountsMustAgree() throws Exception {
    Path a = run("a", report(3, "DirectRunner", "/a/"), "{}\n{}\n{}\n");
    Path b = run("b", report(2, "DirectRunner", "/a/"), "{}\n{}\n{}\n");
    RunComparison.Result r = RunComparison.compare(a, b);
    assertThat(r.outputs().get(0).same(), is(true));
    assertThat(r.reportDiffs(), hasItem("report.counts.clean: 3 != 2"));
    assertThat(r.reportDiffs(), not(hasItem(containsString("runner"))));
  }

  /** A directory without a report.json is not a run's; a broken report.json is named. */
  @Test
  public void notARunsDirectoryOrABrokenReportIsNamed() throws Exception {
    Path a = run("a", report(3, "DirectRunner", "/a/"), "{}\n{}\n{}\n");
    Path empty = java.nio.file.Files.createDirectories(a.resolveSibling("empty"));
    java.io.IOException e = org.junit.Assert.assertThrows(java.io.IOException.class,
        () -> RunComparison.compare(a, empty));
    assertThat(e.getMessage(), is(empty + ": not a run output directory (no report.json)"));
    Path b = run("b", report(3, "DirectRunner", "/a/"), "{}\n{}\n{}\n");
    java.nio.file.Files.writeString(b.resolve("report.json"), "{\"counts\": ");
    java.io.IOException broken = org.junit.Assert.assertThrows(java.io.IOException.class,
        () -> RunComparison.compare(a, b));
    assertThat(broken.getMessage(), is(b.resolve("report.json") + ": not valid JSON (line 1)"));
    java.nio.file.Files.writeString(b.resolve("report.json"), "");
    java.io.IOException emptyFile = org.junit.Assert.assertThrows(java.io.IOException.class,
        () -> RunComparison.compare(a, b));
    assertThat(emptyFile.getMessage(),
        is(b.resolve("report.json") + ": not a JSON object (the file is empty)"));
  }
}
