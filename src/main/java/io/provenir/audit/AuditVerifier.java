package io.provenir.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;

/**
 * Walks every chain of an audit directory: {@code audit.jsonl}, each run's shards, and the chain
 * of digests, and reports the first broken place of each (an edited, deleted or reordered line; a
 * truncated, extended, altered or missing shard; a forged or missing digest). What it can and
 * cannot detect is in {@code docs/audit.md}.
 */
public final class AuditVerifier {

  /** One finding: where, and what is wrong. */
  public record Problem(String file, long line, String message) {
    @Override
    public String toString() {
      return file + (line > 0 ? ":" + line : "") + ": " + message;
    }
  }

  /**
   * The result.
   *
   * @param problems what is broken (empty: intact)
   * @param notes what is worth knowing but not broken (a repaired crash, a run still writing)
   * @param events events checked
   * @param files files checked
   */
  public record Result(List<Problem> problems, List<String> notes, long events, int files) {
    public boolean intact() {
      return problems.isEmpty();
    }
  }

  private final ChainHasher hasher;

  public AuditVerifier(ChainHasher hasher) {
    this.hasher = hasher;
  }

  /**
   * Verifies {@code dir}.
   *
   * @throws IllegalStateException when the trail is keyed (HMAC) and this verifier has no key
   */
  public Result verify(Path dir) throws IOException {
    List<Problem> problems = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    long[] events = {0};
    int files = 0;
    Path log = dir.resolve(AuditLogger.FILE);
    if (Files.exists(log)) {
      files++;
      chain(log, ChainHasher.GENESIS, true, problems, notes, events);
    }
    // Shards, by run.
    Map<String, List<Path>> shardsByRun = new TreeMap<>();
    if (Files.isDirectory(dir)) {
      try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "events-*.jsonl")) {
        for (Path p : s) {
          Matcher m = AuditDigest.SHARD.matcher(p.getFileName().toString());
          if (m.matches()) {
            shardsByRun.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(p);
          }
        }
      }
    }
    shardsByRun.values().forEach(l -> l.sort(null));
    Map<String, AuditDigest.ShardSummary> summaries = new HashMap<>();
    for (Map.Entry<String, List<Path>> run : shardsByRun.entrySet()) {
      for (Path p : run.getValue()) {
        files++;
        String last = chain(p, AuditDigest.shardGenesis(run.getKey()), false, problems, notes,
            events);
        summaries.put(p.getFileName().toString(), new AuditDigest.ShardSummary(
            p.getFileName().toString(), AuditDigest.summarize(p).lines(), last));
      }
    }
    // Digests: one chain by seq, each sealing its run's shards.
    List<ObjectNode> digests = new ArrayList<>();
    for (Path p : AuditDigest.digests(dir)) {
      files++;
      JsonNode n;
      try {
        n = AuditEvent.JSON.readTree(p.toFile());
      } catch (IOException e) {
        problems.add(new Problem(p.getFileName().toString(), 0, "not JSON: forged or damaged"));
        continue;
      }
      if (!(n instanceof ObjectNode o) || !o.path("hash").isTextual()
          || !o.path("seq").isIntegralNumber() || !o.path("run_id").isTextual()
          || !o.path("shards").isArray()) {
        problems.add(new Problem(p.getFileName().toString(), 0, "not a digest: forged or"
            + " damaged"));
        continue;
      }
      ObjectNode unsigned = o.deepCopy();
      unsigned.remove("hash");
      if (hasher.keyed() && !o.get("hash").asText().startsWith("hmac-sha256:")) {
        problems.add(new Problem(p.getFileName().toString(), 0, "not keyed, but the trail is"
            + " verified with a key: forged (or written before the key was set)"));
        continue;
      }
      if (!hasher.matches(o.get("hash").asText(), CanonicalJson.bytes(unsigned))) {
        problems.add(new Problem(p.getFileName().toString(), 0, "its hash does not match its"
            + " content: the digest was edited or forged"));
        continue;
      }
      if (!p.getFileName().toString().equals("digest-" + o.get("run_id").asText() + ".json")) {
        problems.add(new Problem(p.getFileName().toString(), 0, "names run '"
            + o.get("run_id").asText() + "': the digest was renamed"));
        continue;
      }
      digests.add(o);
    }
    digests.sort((a, b) -> Long.compare(a.get("seq").asLong(), b.get("seq").asLong()));
    ObjectNode prev = null;
    Set<String> sealed = new HashSet<>();
    for (ObjectNode d : digests) {
      String name = "digest-" + d.get("run_id").asText() + ".json";
      long expect = prev == null ? 0 : prev.get("seq").asLong() + 1;
      JsonNode link = d.get("previous_digest");
      if (d.get("seq").asLong() != expect) {
        problems.add(new Problem(name, 0, "seq " + d.get("seq").asLong() + ", expected " + expect
            + ": a digest before it is missing"));
      } else if (prev == null ? link != null && !link.isNull()
          : link == null || link.isNull()
              || !link.path("hash").asText().equals(prev.get("hash").asText())
              || !link.path("file").asText().equals(
                  "digest-" + prev.get("run_id").asText() + ".json")) {
        problems.add(new Problem(name, 0, "does not chain to the digest before it"));
      }
      prev = d;
      String runId = d.get("run_id").asText();
      Set<String> listed = new HashSet<>();
      for (JsonNode s : d.get("shards")) {
        String file = s.path("file").asText();
        listed.add(file);
        sealed.add(file);
        AuditDigest.ShardSummary actual = summaries.get(file);
        if (actual == null) {
          problems.add(new Problem(file, 0, "missing: " + name + " lists it"));
        } else if (actual.lines() < s.path("lines").asLong()) {
          problems.add(new Problem(file, 0, "truncated: " + actual.lines() + " lines, " + name
              + " says " + s.path("lines").asLong()));
        } else if (actual.lines() > s.path("lines").asLong()) {
          problems.add(new Problem(file, 0, "extended: " + actual.lines() + " lines, " + name
              + " says " + s.path("lines").asLong()));
        } else if (actual.lines() > 0 && (actual.lastHash() == null
            || !actual.lastHash().equals(s.path("last_hash").asText()))) {
          // (an empty shard, which a run of few events can leave, has no last hash to compare)
          problems.add(new Problem(file, 0, "altered: its last hash differs from " + name));
        }
      }
      for (Path p : shardsByRun.getOrDefault(runId, List.of())) {
        if (!listed.contains(p.getFileName().toString())) {
          problems.add(new Problem(p.getFileName().toString(), 0, "not listed in " + name
              + ": added after the run"));
          sealed.add(p.getFileName().toString());
        }
      }
    }
    for (List<Path> run : shardsByRun.values()) {
      for (Path p : run) {
        if (!sealed.contains(p.getFileName().toString())) {
          notes.add(p.getFileName() + ": no digest seals it yet (a run still writing, or one"
              + " that failed before sealing)");
        }
      }
    }
    if (hasher.keyed() && !problems.isEmpty() && problems.stream().allMatch(
        x -> x.line() <= 1 && x.message().startsWith("its hash does not match"))) {
      // Every file (and digest) breaks at its first event: more likely the wrong key than an
      // edit of each.
      notes.add("every file fails at its first event: if the trail was written with a key,"
          + " check that " + ChainHasher.KEY_ENV + " is the key it was written with");
    }
    return new Result(problems, notes, events[0], files);
  }

  /** Checks one chain; returns the last valid hash. */
  private String chain(Path file, String genesis, boolean repairs, List<Problem> problems,
      List<String> notes, long[] events) throws IOException {
    String name = file.getFileName().toString();
    long expectSeq = 0;
    String prevHash = genesis;
    String fragment = null;
    long fragmentLine = 0;
    boolean broken = false;
    try (AuditLines lines = AuditLines.open(file)) {
      for (AuditLines.Line l : lines) {
        if (broken) {
          continue; // report the first broken place of each chain
        }
        if (!l.terminated()) {
          if (repairs) {
            notes.add(name + ":" + l.number() + ": incomplete last line (a crash mid-write);"
                + " the next event will fence it off");
          } else {
            problems.add(new Problem(name, l.number(), "incomplete last line: truncated"));
          }
          continue;
        }
        AuditEvent e = l.event();
        if (e == null) {
          if (repairs && fragment == null) {
            fragment = l.text();
            fragmentLine = l.number();
            continue; // acceptable only if an audit_repaired event accounts for it next
          }
          problems.add(new Problem(name, l.number(), "not an audit event (" + l.problem()
              + "): edited"));
          broken = true;
          continue;
        }
        if (fragment != null) {
          byte[] fb = fragment.getBytes(java.nio.charset.StandardCharsets.UTF_8);
          if (!e.event().equals("audit_repaired")
              || e.field("fragment_bytes") == null
              || e.field("fragment_bytes").asLong() != fb.length
              || !ChainHasher.sha256Of(fb).equals(e.field("fragment_sha256").asText())) {
            problems.add(new Problem(name, fragmentLine, "not an audit event, and no"
                + " audit_repaired event accounts for it: edited"));
            broken = true;
            continue;
          }
          notes.add(name + ":" + fragmentLine + ": a crash fragment, fenced off and logged by"
              + " line " + l.number());
          fragment = null;
        }
        events[0]++;
        if (hasher.keyed() && !e.hash().startsWith("hmac-sha256:")) {
          problems.add(new Problem(name, l.number(), "not keyed, but the trail is verified with"
              + " a key: forged (or written before the key was set)"));
          broken = true;
        } else if (!e.hashMatches(hasher)) {
          problems.add(new Problem(name, l.number(), "its hash does not match its content:"
              + " edited"));
          broken = true;
        } else if (!l.text().equals(e.line())) {
          // same content, other bytes (a name given twice, 3 for 3.0, an escape, a blank):
          // every line is written in canonical form, and `provenir audit` prints the bytes
          problems.add(new Problem(name, l.number(), "not in the canonical form events are"
              + " written in: edited"));
          broken = true;
        } else if (e.seq() != expectSeq) {
          problems.add(new Problem(name, l.number(), "seq " + e.seq() + ", expected "
              + expectSeq + ": a line was deleted or lines were reordered"));
          broken = true;
        } else if (!e.prevHash().equals(prevHash)) {
          problems.add(new Problem(name, l.number(), "prev_hash does not match the line before"
              + ": a line was deleted, inserted or reordered"));
          broken = true;
        }
        expectSeq = e.seq() + 1;
        prevHash = e.hash();
      }
    }
    if (fragment != null && !broken) {
      problems.add(new Problem(name, fragmentLine, "not an audit event: edited"));
    }
    return broken ? null : prevHash;
  }
}
