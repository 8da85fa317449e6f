package io.provenir.audit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class AuditLoggerTest {

  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private static AuditVerifier.Result verify(Path dir) throws Exception {
    return new AuditVerifier(ChainHasher.sha256()).verify(dir);
  }

  @Test
  public void logsInOrderWithTimeActorAndFieldsInEveryForm() throws Exception {
    Path dir = tmp.getRoot().toPath();
    AuditLogger audit = new AuditLogger(dir.toString()).withHasher(ChainHasher.sha256());
    audit.log("training_start", "ci-bot", Map.of("run_id", "abc123", "config_hash", "sha256:ff"));
    audit.log("eval_complete", "ci-bot", "run_id", "abc123", "exact_match", 0.81);
    audit.event("model_published").actor("release-bot").with("tags", List.of("v1", "prod"))
        .with("size", 42L).log();
    List<AuditEvent> events = audit.read();
    assertThat(events.stream().map(AuditEvent::event).toList(),
        contains("training_start", "eval_complete", "model_published"));
    AuditEvent e = events.get(1);
    assertThat(e.actor(), is("ci-bot"));
    assertThat(e.field("exact_match").asDouble(), is(0.81));
    assertThat(e.field("run_id").asText(), is("abc123"));
    assertThat(e.timestamp().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"),
        is(true));
    assertThat(e.seq(), is(1L));
    assertThat(e.prevHash(), is(events.get(0).hash()));
    assertThat(events.get(0).prevHash(), is(ChainHasher.GENESIS));
    assertThat(events.get(2).field("tags").get(1).asText(), is("prod"));
    List<String> lines = Files.readAllLines(dir.resolve("audit.jsonl"));
    assertThat(lines, hasSize(3));
    assertThat(lines.get(1), is(e.line()));
    assertThat(verify(dir).intact(), is(true));
    assertThat(audit.problems(), is(empty()));
  }

  @Test
  public void badNamesAndReservedFieldsAreRefusedWithoutWriting() {
    AuditLogger audit = new AuditLogger(tmp.getRoot().toPath());
    assertThat(assertThrows(IllegalArgumentException.class,
        () -> audit.log("Bad Name", "me", Map.of())).getMessage(), containsString("event name"));
    assertThat(assertThrows(IllegalArgumentException.class,
        () -> audit.log("ok", "me", Map.of("hash", "x"))).getMessage(),
        containsString("'hash' is reserved"));
    assertThat(assertThrows(IllegalArgumentException.class,
        () -> audit.log("ok", "", Map.of())).getMessage(), containsString("actor"));
    assertThat(assertThrows(IllegalArgumentException.class,
        () -> audit.log("ok", "me", "odd")).getMessage(), containsString("pairs"));
    assertThat(Files.exists(tmp.getRoot().toPath().resolve("audit.jsonl")), is(false));
  }

  @Test
  public void threadsNeverInterleaveOrLoseAnEvent() throws Exception {
    Path dir = tmp.getRoot().toPath();
    AuditLogger audit = new AuditLogger(dir).withHasher(ChainHasher.sha256()).withFsync(false);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> fs = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      int thread = t;
      fs.add(pool.submit(() -> {
        for (int i = 0; i < 150; i++) {
          audit.log("thread_event", "t" + thread, "i", i);
        }
      }));
    }
    for (Future<?> f : fs) {
      f.get();
    }
    pool.shutdown();
    List<AuditEvent> events = audit.read();
    assertThat(events, hasSize(1200));
    Map<String, Integer> next = new HashMap<>();
    for (int i = 0; i < events.size(); i++) {
      AuditEvent e = events.get(i);
      assertThat(e.seq(), is((long) i));
      // each thread's own events stay in its order
      int expected = next.getOrDefault(e.actor(), 0);
      assertThat(e.field("i").asInt(), is(expected));
      next.put(e.actor(), expected + 1);
    }
    assertThat(verify(dir).intact(), is(true));
  }

  @Test
  public void processesNeverInterleaveOrLoseAnEvent() throws Exception {
    Path dir = tmp.getRoot().toPath();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<Process> children = new ArrayList<>();
    for (int c = 0; c < 4; c++) {
      children.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
          AuditLogChild.class.getName(), dir.toString(), "100", "child-" + c)
          .redirectErrorStream(true).start());
    }
    for (Process p : children) {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(out, p.waitFor(), is(0));
    }
    List<AuditEvent> events = new AuditLogger(dir).read();
    assertThat(events, hasSize(400));
    Map<String, Integer> perChild = new HashMap<>();
    events.forEach(e -> perChild.merge(e.actor(), 1, Integer::sum));
    assertThat(perChild, equalTo(Map.of("child-0", 100, "child-1", 100, "child-2", 100,
        "child-3", 100)));
    assertThat(Files.readAllLines(dir.resolve("audit.jsonl")), hasSize(400));
    assertThat(verify(dir).intact(), is(true));
  }

  @Test
  public void aCrashFragmentIsSkippedThenFencedOffAndLoggedByTheNextWriter() throws Exception {
    Path dir = tmp.getRoot().toPath();
    AuditLogger audit = new AuditLogger(dir).withHasher(ChainHasher.sha256());
    audit.log("one", "me", "n", 1);
    audit.log("two", "me", "n", 2);
    // A writer dies halfway through its line.
    String half = new AuditLogger(tmp.newFolder().toPath()).withHasher(ChainHasher.sha256())
        .log("three", "me", "n", 3).line().substring(0, 40);
    Files.writeString(dir.resolve("audit.jsonl"), half, StandardOpenOption.APPEND);
    assertThat(audit.read().stream().map(AuditEvent::event).toList(), contains("one", "two"));
    assertThat(audit.problems().get(0), containsString("audit.jsonl:3: incomplete last line"));
    AuditVerifier.Result before = verify(dir);
    assertThat(before.intact(), is(true));
    assertThat(before.notes().get(0), containsString("a crash mid-write"));

    audit.log("four", "me", "n", 4);
    List<AuditEvent> events = audit.read();
    assertThat(events.stream().map(AuditEvent::event).toList(),
        contains("one", "two", "audit_repaired", "four"));
    AuditEvent repaired = events.get(2);
    assertThat(repaired.field("fragment_bytes").asInt(), is(40));
    assertThat(repaired.prevHash(), is(events.get(1).hash()));
    assertThat(audit.problems().get(0), containsString("audit.jsonl:3: not an audit event"));
    AuditVerifier.Result after = verify(dir);
    assertThat(after.problems().toString(), after.intact(), is(true));
    assertThat(after.notes().get(0), containsString("a crash fragment, fenced off and logged"));
  }

  /**
   * A crash that lost only the newline after a whole event: the next writer ends the line and
   * chains on from that event (fencing it off as a fragment made the next verify see two events
   * with one seq, a tamper alarm that never went away).
   */
  @Test
  public void aWholeEventMissingOnlyItsNewlineIsEndedAndChainedOn() throws Exception {
    Path dir = tmp.getRoot().toPath();
    AuditLogger audit = new AuditLogger(dir).withHasher(ChainHasher.sha256());
    audit.log("one", "me", "n", 1);
    audit.log("two", "me", "n", 2);
    audit.log("three", "me", "n", 3);
    Path file = dir.resolve("audit.jsonl");
    byte[] all = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(all, all.length - 1));
    assertThat(verify(dir).intact(), is(true));
    audit.log("four", "me", "n", 4);
    assertThat(audit.read().stream().map(AuditEvent::event).toList(),
        contains("one", "two", "three", "four"));
    AuditVerifier.Result after = verify(dir);
    assertThat(after.problems().toString(), after.intact(), is(true));
    assertThat(after.notes().toString(), after.notes().isEmpty(), is(true));
  }
}
