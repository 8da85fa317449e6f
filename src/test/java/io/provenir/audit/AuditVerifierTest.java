package io.provenir.audit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Every kind of tampering the verifier must find, and the ones it lets through by design. */
public class AuditVerifierTest {

  @Rule public final TemporaryFolder tmp = new TemporaryFolder();
  private Path dir;
  private final ChainHasher sha = ChainHasher.sha256();

  /** Writes a run's shards as the pipeline does, then seals them. */
  static void writeRun(Path dir, String runId, int events, int shards, ChainHasher h)
      throws Exception {
    for (int s = 0; s < shards; s++) {
      List<String> lines = new ArrayList<>();
      String prev = AuditDigest.shardGenesis(runId);
      for (int i = 0; i < events; i++) {
        AuditEvent e = RunEvents.chain(RunEvents.draft("stage_" + i, "bot",
            Instant.parse("2026-11-26T07:00:00Z").plusSeconds(i), runId), i, prev, h);
        prev = e.hash();
        lines.add(e.line());
      }
      Files.write(dir.resolve(String.format("events-%s-%05d-of-%05d.jsonl", runId, s, shards)),
          lines);
    }
    AuditDigest.seal(dir, runId, h);
  }

  private String problems() throws Exception {
    AuditVerifier.Result r = new AuditVerifier(sha).verify(dir);
    return r.intact() ? "intact" : r.problems().toString();
  }

  private Path log() {
    return dir.resolve("audit.jsonl");
  }

  private void rewrite(Path f, java.util.function.UnaryOperator<List<String>> change)
      throws Exception {
    Files.write(f, change.apply(new ArrayList<>(Files.readAllLines(f))));
  }

  @Before
  public void trail() throws Exception {
    dir = tmp.getRoot().toPath();
    AuditLogger audit = new AuditLogger(dir).withHasher(sha);
    for (int i = 0; i < 5; i++) {
      audit.log("event_" + i, "me", "n", i);
    }
    writeRun(dir, "run-a", 3, 2, sha);
    writeRun(dir, "run-b", 4, 1, sha);
  }

  /** A run of few events can leave a shard empty: sealed as such, it verifies. */
  @Test
  public void anEmptyShardSealedAsEmptyIsIntact() throws Exception {
    writeRun(dir, "run-e", 0, 2, sha);
    assertThat(problems(), is("intact"));
    Files.writeString(dir.resolve("events-run-e-00001-of-00002.jsonl"), "x\n");
    assertThat(problems(), containsString("extended"));
  }

  @Test
  public void anUntouchedTrailIsIntact() throws Exception {
    AuditVerifier.Result r = new AuditVerifier(sha).verify(dir);
    assertThat(r.problems().toString(), r.intact(), is(true));
    assertThat(r.events(), is(5L + 6 + 4));
    assertThat(r.files(), is(1 + 3 + 2));
  }

  @Test
  public void anEditedLineIsFound() throws Exception {
    rewrite(log(), l -> {
      l.set(2, l.get(2).replace("\"n\":2", "\"n\":7"));
      return l;
    });
    assertThat(problems(), containsString("audit.jsonl:3: its hash does not match"));
  }

  /**
   * Other bytes for the same content are an edit too: every line is written in canonical form,
   * and the CLI prints the stored bytes, which a reader may take at their word.
   */
  @Test
  public void otherBytesForTheSameContentAreFound() throws Exception {
    for (java.util.function.UnaryOperator<String> edit : List.<java.util.function.UnaryOperator<
        String>>of(x -> x.replace("\"n\":2", "\"n\":7,\"n\":2"), x -> x.replace("\"n\":2", "\"n\":2.0"),
        x -> x.replace("\"actor\":\"me\"", "\"actor\":\"\\u006de\""), x -> x.replace(",", ", "))) {
      List<String> original = Files.readAllLines(log());
      rewrite(log(), l -> {
        l.set(2, edit.apply(l.get(2)));
        return l;
      });
      assertThat(Files.readAllLines(log()).get(2), not(is(original.get(2))));
      assertThat(problems(), containsString("audit.jsonl:3: not in the canonical form"));
      Files.write(log(), original);
    }
  }

  @Test
  public void aDeletedLineIsFound() throws Exception {
    rewrite(log(), l -> {
      l.remove(1);
      return l;
    });
    assertThat(problems(), containsString("audit.jsonl:2: seq 2, expected 1"));
  }

  @Test
  public void reorderedLinesAreFound() throws Exception {
    rewrite(log(), l -> {
      String x = l.get(1);
      l.set(1, l.get(2));
      l.set(2, x);
      return l;
    });
    assertThat(problems(), containsString("audit.jsonl:2: seq 2, expected 1"));
  }

  @Test
  public void aForgedLineWithARecomputedHashIsFoundByItsLink() throws Exception {
    AuditEvent forged = AuditEvent.create(2, Instant.now(), "event_2", "me",
        java.util.Map.of("n", 99), "sha256:" + "0".repeat(64), sha);
    rewrite(log(), l -> {
      l.set(2, forged.line());
      return l;
    });
    assertThat(problems(), containsString("audit.jsonl:3: prev_hash does not match"));
  }

  @Test
  public void aTruncatedShardIsFound() throws Exception {
    rewrite(dir.resolve("events-run-a-00001-of-00002.jsonl"), l -> l.subList(0, 2));
    assertThat(problems(), containsString("events-run-a-00001-of-00002.jsonl: truncated: 2"
        + " lines, digest-run-a.json says 3"));
  }

  @Test
  public void anExtendedShardIsFound() throws Exception {
    Path shard = dir.resolve("events-run-b-00000-of-00001.jsonl");
    List<String> lines = Files.readAllLines(shard);
    AuditEvent last = AuditEvent.parse(lines.get(lines.size() - 1));
    lines.add(AuditEvent.create(last.seq() + 1, Instant.now(), "extra", "me", null, last.hash(),
        sha).line());
    Files.write(shard, lines);
    assertThat(problems(), containsString("extended: 5 lines"));
  }

  @Test
  public void aMissingShardIsFound() throws Exception {
    Files.delete(dir.resolve("events-run-a-00000-of-00002.jsonl"));
    assertThat(problems(), containsString("events-run-a-00000-of-00002.jsonl: missing:"
        + " digest-run-a.json lists it"));
  }

  @Test
  public void anAddedShardIsFound() throws Exception {
    Files.copy(dir.resolve("events-run-b-00000-of-00001.jsonl"),
        dir.resolve("events-run-b-00001-of-00001.jsonl"));
    assertThat(problems(), containsString("not listed in digest-run-b.json"));
  }

  @Test
  public void aForgedDigestIsFound() throws Exception {
    Path d = dir.resolve("digest-run-a.json");
    Files.writeString(d, Files.readString(d).replace("\"lines\":3", "\"lines\":2"));
    assertThat(problems(), containsString("digest-run-a.json: its hash does not match"));
  }

  @Test
  public void aDeletedDigestBreaksTheDigestChain() throws Exception {
    writeRun(dir, "run-c", 1, 1, sha);
    Files.delete(dir.resolve("digest-run-b.json"));
    assertThat(problems(), containsString("digest-run-c.json: seq 2, expected 1"));
  }

  @Test
  public void aShardEditedInsideItsChainIsFound() throws Exception {
    rewrite(dir.resolve("events-run-a-00000-of-00002.jsonl"), l -> {
      l.set(0, l.get(0).replace("\"actor\":\"bot\"", "\"actor\":\"eve\""));
      return l;
    });
    assertThat(problems(), containsString("events-run-a-00000-of-00002.jsonl:1: its hash does"
        + " not match"));
  }

  @Test
  public void withAKeyARecomputedChainIsForgeryWithoutItIsUndetectable() throws Exception {
    Path keyed = tmp.newFolder("keyed").toPath();
    ChainHasher hmac = ChainHasher.hmac("k3y-only-the-auditor-has");
    AuditLogger audit = new AuditLogger(keyed).withHasher(hmac);
    audit.log("a", "me", "n", 1);
    audit.log("b", "me", "n", 2);
    writeRun(keyed, "run-k", 2, 1, hmac);
    assertThat(new AuditVerifier(hmac).verify(keyed).intact(), is(true));
    // Someone rewrites the whole log consistently, but without the key: plain SHA-256.
    Files.delete(keyed.resolve("audit.jsonl"));
    AuditLogger forger = new AuditLogger(keyed).withHasher(sha);
    forger.log("a", "me", "n", 1);
    forger.log("b", "me", "n", 666);
    AuditVerifier.Result r = new AuditVerifier(hmac).verify(keyed);
    assertThat(r.problems().toString(), containsString("audit.jsonl:1: not keyed"));
    // A wrong key does not verify either.
    assertThat(new AuditVerifier(ChainHasher.hmac("guess")).verify(keyed).intact(), is(false));
    // Every file failing at its first event reads as a wrong key, and is said to be one.
    Path whole = tmp.newFolder("whole").toPath();
    new AuditLogger(whole).withHasher(hmac).log("a", "me", "n", 1);
    writeRun(whole, "run-w", 2, 1, hmac);
    AuditVerifier.Result wrongKey = new AuditVerifier(ChainHasher.hmac("guess")).verify(whole);
    assertThat(wrongKey.problems().toString(), wrongKey.intact(), is(false));
    assertThat(wrongKey.problems() + " " + wrongKey.notes(), containsString("check that " + ChainHasher.KEY_ENV
        + " is the key it was written with"));
    assertThat(r.notes().toString(), not(containsString("is the key it was written with")));
    // And a keyed trail cannot be checked without its key.
    Path onlyKeyed = tmp.newFolder("only").toPath();
    new AuditLogger(onlyKeyed).withHasher(hmac).log("a", "me", "n", 1);
    assertThat(assertThrows(IllegalStateException.class,
        () -> new AuditVerifier(sha).verify(onlyKeyed)).getMessage(),
        containsString(ChainHasher.KEY_ENV));
    // Without a key, a consistent rewrite from the first line is not detectable: that is what
    // the key (or an external copy of the latest digest hash) is for. See docs/audit.md.
    Path plain = tmp.newFolder("plain").toPath();
    new AuditLogger(plain).withHasher(sha).log("a", "me", "n", 1);
    Files.delete(plain.resolve("audit.jsonl"));
    new AuditLogger(plain).withHasher(sha).log("a", "me", "n", 2);
    assertThat(new AuditVerifier(sha).verify(plain).intact(), is(true));
    assertThat(Files.readString(plain.resolve("audit.jsonl"), StandardCharsets.UTF_8),
        containsString("\"n\":2"));
  }
}
