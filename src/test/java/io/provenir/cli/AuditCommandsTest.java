package io.provenir.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import io.provenir.audit.AuditStore;
import io.provenir.audit.ChainHasher;
import io.provenir.server.AuditServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** provenir run's audit events, provenir audit, audit verify and serve. */
public class AuditCommandsTest {

  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();
  private static Path audit;
  private static AuditServer server;
  private static AuditServer secured;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeClass
  public static void twoRunsAndALibraryEvent() throws IOException {
    audit = TMP.newFolder("audit").toPath();
    for (String id : List.of("audit-1", "audit-2")) {
      Cli.Result r = Cli.run("run", "--input", "pipelines/sample/chats.jsonl", "--output",
          TMP.getRoot() + "/out-" + id, "--run-id", id, "--audit-dir", audit.toString(),
          "--actor", "ci-bot");
      assertThat(r.err(), r.code(), is(0));
    }
    new io.provenir.audit.AuditLogger(audit).log("eval_complete", "ci-bot", "run_id", "audit-2",
        "exact_match", 0.81);
    server = AuditServer.start(new AuditStore(audit), "127.0.0.1", 0, null,
        ChainHasher.sha256(), 8);
    secured = AuditServer.start(new AuditStore(audit), "127.0.0.1", 0, "s3cret-token",
        ChainHasher.sha256(), 4);
  }

  @AfterClass
  public static void stop() {
    server.close();
    secured.close();
  }

  private static List<JsonNode> events(String out) throws IOException {
    List<JsonNode> l = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (!line.isEmpty()) {
        l.add(Cli.JSON.readTree(line));
      }
    }
    return l;
  }

  private static HttpResponse<byte[]> get(AuditServer s, String pathAndQuery, String token)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port()
        + pathAndQuery));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  public void eachRunLeavesItsStagesInChainedShardsSealedByADigest() throws IOException {
    List<JsonNode> e = events(Cli.run("audit", "--dir", audit.toString(), "--run-id", "audit-1")
        .out());
    // in the order they happened, though the events that close a run share one timestamp
    assertThat(e.stream().map(n -> n.get("event").asText()).toList(), is(List.of("run_start",
        "pii_scan_complete", "secret_scan_complete", "decontamination_complete",
        "records_quarantined", "outputs_written", "run_complete", "manifest_written",
        "model_card_written")));
    JsonNode cardEvent = e.stream().filter(n -> n.get("event").asText()
        .equals("model_card_written")).findFirst().orElseThrow();
    assertThat(cardEvent.get("sha256").asText(), is(io.provenir.audit.ChainHasher.sha256Of(
        Files.readAllBytes(Path.of(TMP.getRoot() + "/out-audit-1/MODEL_CARD.md")))));
    assertThat(e.stream().map(n -> n.get("actor").asText()).toList(), everyItem(is("ci-bot")));
    JsonNode done = e.stream().filter(n -> n.get("event").asText().equals("run_complete"))
        .findFirst().orElseThrow();
    assertThat(done.get("status").asText(), is("ok"));
    assertThat(done.get("reconciled").asBoolean(), is(true));
    assertThat(Files.exists(audit.resolve("digest-audit-1.json")), is(true));
    assertThat(Cli.JSON.readTree(audit.resolve("digest-audit-2.json").toFile())
        .at("/previous_digest/file").asText(), is("digest-audit-1.json"));
    Cli.Result v = Cli.run("audit", "verify", "--dir", audit.toString());
    assertThat(v.out(), v.code(), is(0));
    assertThat(v.out(), containsString("intact"));
    // the directory may come before the subcommand too; filters do not apply to verify
    Cli.Result before = Cli.run("audit", "--dir", audit.toString(), "verify");
    assertThat(before.err(), before.code(), is(0));
    assertThat(before.out(), containsString(audit + ": intact"));
    assertThat(Cli.run("audit", "--dir", audit.toString(), "--event", "run_started", "verify")
        .code(), is(2));
    Cli.Result file = Cli.run("audit", "verify", "--dir", audit.resolve("audit.jsonl").toString());
    assertThat(file.code(), is(2));
    assertThat(file.err(), containsString("not a directory"));
  }

  @Test
  public void aRepeatedRunIdIsRefusedAndAFailedRunIsLogged() throws IOException {
    Cli.Result again = Cli.run("run", "--input", "pipelines/sample/chats.jsonl", "--output",
        TMP.getRoot() + "/again", "--run-id", "audit-1", "--audit-dir", audit.toString());
    assertThat(again.code(), is(2));
    assertThat(again.err(), containsString("already has a run with this id"));
    // refused with --overwrite over its own earlier outputs: those stay as they were
    Path earlier = TMP.getRoot().toPath().resolve("out-audit-1");
    assertThat(Files.exists(earlier.resolve("report.json")), is(true));
    Cli.Result overwriting = Cli.run("run", "--input", "pipelines/sample/chats.jsonl", "--output",
        earlier.toString(), "--overwrite", "--run-id", "audit-1", "--audit-dir",
        audit.toString());
    assertThat(overwriting.code(), is(2));
    assertThat(Files.exists(earlier.resolve("report.json")), is(true));
    // A launch with the same id that has claimed it but not yet written events (two launches
    // at the same moment) is refused too.
    Files.createFile(audit.resolve(".run-audit-9.claim"));
    Cli.Result racing = Cli.run("run", "--input", "pipelines/sample/chats.jsonl", "--output",
        TMP.getRoot() + "/racing", "--run-id", "audit-9", "--audit-dir", audit.toString());
    assertThat(racing.err(), racing.code(), is(2));
    assertThat(racing.err(), containsString("already has a run with this id"));
    Files.delete(audit.resolve(".run-audit-9.claim"));
    // A keyed trail (HMAC digests) is refused to a run without the key (its lines would read as
    // forged to a verifier with the key).
    Path keyed = TMP.newFolder("keyed-trail").toPath();
    Files.writeString(keyed.resolve("digest-k1.json"), "{\"seq\":0,\"run_id\":\"k1\","
        + "\"shards\":[],\"hash\":\"hmac-sha256:00\"}");
    if (System.getenv(ChainHasher.KEY_ENV) == null) {
      Cli.Result unkeyed = Cli.run("run", "--input", "pipelines/sample/chats.jsonl", "--output",
          TMP.getRoot() + "/unkeyed", "--audit-dir", keyed.toString(), "--decontamination",
          "off");
      assertThat(unkeyed.err(), unkeyed.code(), is(2));
      assertThat(unkeyed.err(), containsString("is a keyed trail"));
    }

    Path failing = TMP.newFolder("failing").toPath();
    Path eval = failing.resolve("eval.jsonl");
    Files.writeString(eval, "{\"question\": \"What is two plus two, in words?\"}\n{\"q\": 1}\n");
    Cli.Result failed = Cli.run("run", "--input", "pipelines/sample/chats.jsonl", "--output",
        TMP.getRoot() + "/failed", "--run-id", "fails-1", "--audit-dir", failing.toString(),
        "--eval", "x=" + eval, "--decontamination", "ngram");
    // found by the pipeline, a configuration problem all the same (exit 2), and logged
    assertThat(failed.code(), is(2));
    assertThat(failed.err(), containsString("eval.jsonl:2: none of /question"));
    List<JsonNode> e = events(Cli.run("audit", "--dir", failing.toString(), "--event",
        "run_failed").out());
    assertThat(e.size(), is(1));
    assertThat(e.get(0).get("run_id").asText(), is("fails-1"));
    assertThat(e.get(0).get("reason").asText(), containsString("eval.jsonl:2: none of"));
    assertThat(Cli.run("audit", "verify", "--dir", failing.toString()).code(), is(0));
  }

  @Test
  public void filtersSelectByEventActorRunAndTimeAndBadOnesExitWithTwo() throws IOException {
    String all = Cli.run("audit", "--dir", audit.toString()).out();
    List<JsonNode> every = events(all);
    List<String> times = every.stream().map(n -> n.get("timestamp").asText()).toList();
    assertThat(times, equalTo(times.stream().sorted().toList()));
    assertThat(events(Cli.run("audit", "--dir", audit.toString(), "--event", "run_complete")
        .out()).size(), is(2));
    assertThat(events(Cli.run("audit", "--dir", audit.toString(), "--event", "eval_complete",
        "--run-id", "audit-2").out()).size(), is(1));
    assertThat(Cli.run("audit", "--dir", audit.toString(), "--until", "2000-01-01").out(),
        is(""));
    assertThat(events(Cli.run("audit", "--dir", audit.toString(), "--since",
        times.get(times.size() - 1)).out()).size() >= 1, is(true));
    Cli.Result bad = Cli.run("audit", "--dir", audit.toString(), "--since", "yesterday");
    assertThat(bad.code(), is(2));
    assertThat(bad.err(), containsString("since 'yesterday' is not an ISO-8601 time"));
    assertThat(Cli.run("audit", "--dir", audit.toString(), "--run-id", "../etc").code(), is(2));
  }

  @Test
  public void cliAndRestGiveTheSameBytesForTheSameFilters() throws Exception {
    String[][] filters = {{}, {"--event", "run_start"}, {"--actor", "ci-bot", "--run-id",
        "audit-2"}, {"--since", "2000-01-01", "--until", "2100-01-01"}};
    String[] queries = {"", "?event=run_start", "?actor=ci-bot&run_id=audit-2",
        "?since=2000-01-01&until=2100-01-01"};
    for (int i = 0; i < filters.length; i++) {
      List<String> args = new ArrayList<>(List.of("audit", "--dir", audit.toString()));
      args.addAll(List.of(filters[i]));
      byte[] cli = Cli.run(args.toArray(new String[0])).out().getBytes(StandardCharsets.UTF_8);
      HttpResponse<byte[]> rest = get(server, "/audit" + queries[i], null);
      assertThat(rest.statusCode(), is(200));
      assertThat(rest.headers().firstValue("Content-Type").orElse(""),
          containsString("application/x-ndjson"));
      assertThat(queries[i], new String(rest.body(), StandardCharsets.UTF_8),
          equalTo(new String(cli, StandardCharsets.UTF_8)));
    }
    HttpResponse<byte[]> v = get(server, "/audit/verify", null);
    assertThat(Cli.JSON.readTree(v.body()).get("intact").asBoolean(), is(true));
    assertThat(new String(get(server, "/health", null).body(), StandardCharsets.UTF_8),
        containsString("\"ok\""));
  }

  @Test
  public void aTokenIsRequiredWhenSetAndBadRequestsAreRefused() throws Exception {
    assertThat(get(secured, "/audit", null).statusCode(), is(401));
    assertThat(get(secured, "/audit", "wrong").statusCode(), is(401));
    assertThat(get(secured, "/health", "s3cret-token").statusCode(), is(200));
    assertThat(get(secured, "/audit?event=run_start", "s3cret-token").statusCode(), is(200));
    // the scheme's name is case-insensitive (RFC 7235)
    assertThat(HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + secured.port()
        + "/health")).header("Authorization", "bearer s3cret-token").build(),
        HttpResponse.BodyHandlers.ofByteArray()).statusCode(), is(200));
    HttpResponse<byte[]> unknown = get(server, "/audit?file=/etc/passwd", null);
    assertThat(unknown.statusCode(), is(400));
    assertThat(new String(unknown.body(), StandardCharsets.UTF_8),
        containsString("unknown parameter 'file'"));
    assertThat(get(server, "/audit?since=tomorrow", null).statusCode(), is(400));
    assertThat(get(server, "/audit?run_id=..%2F..%2Fetc%2Fpasswd", null).statusCode(), is(400));
    assertThat(get(server, "/audit?event=a&event=b", null).statusCode(), is(400));
    assertThat(get(server, "/..%2F..%2Fetc%2Fpasswd", null).statusCode(), is(404));
    assertThat(get(server, "/audit.jsonl", null).statusCode(), is(404));
    HttpResponse<byte[]> post = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + server.port() + "/audit")).POST(HttpRequest.BodyPublishers.ofString("x")).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(post.statusCode(), is(405));
    HttpResponse<byte[]> head = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
        + server.port() + "/health")).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(head.statusCode(), is(200));
    assertThat(head.body().length, is(0));
    // A raw request line with dot segments, as a client that does not normalise would send it.
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      OutputStream o = s.getOutputStream();
      o.write(("GET /audit/../../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
          .getBytes(StandardCharsets.US_ASCII));
      o.flush();
      InputStream in = s.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(response, allOf(containsString(" 404 "), not(containsString("root:"))));
    }
  }

  /** A trail deleted while the server runs is an error, not an empty, intact trail. */
  @Test
  public void aTrailDeletedUnderTheServerIsAnErrorNotAnEmptyTrail() throws Exception {
    Path gone = TMP.newFolder("gone").toPath();
    Files.copy(audit.resolve("audit.jsonl"), gone.resolve("audit.jsonl"));
    try (AuditServer s = AuditServer.start(new AuditStore(gone), "127.0.0.1", 0, null,
        ChainHasher.sha256(), 2)) {
      assertThat(get(s, "/audit/verify", null).statusCode(), is(200));
      // An empty directory in its place (as an unmounted mount point leaves) is not the trail.
      Path moved = gone.resolveSibling("gone-moved");
      Files.move(gone, moved);
      Files.createDirectory(gone);
      assertThat(get(s, "/audit/verify", null).statusCode(), is(503));
      Files.delete(gone);
      for (String path : List.of("/audit/verify", "/audit", "/health")) {
        HttpResponse<byte[]> r = get(s, path, null);
        assertThat(path, r.statusCode(), is(503));
        assertThat(new String(r.body(), StandardCharsets.UTF_8),
            containsString("the audit directory is gone"));
      }
    }
  }

  @Test
  public void tenThousandRequestsOnLoopbackAllSucceed() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    AtomicInteger ok = new AtomicInteger();
    List<Future<?>> fs = new ArrayList<>();
    String[] paths = {"/health", "/audit?event=run_complete", "/audit?run_id=audit-1"};
    for (int t = 0; t < 16; t++) {
      int thread = t;
      fs.add(pool.submit(() -> {
        for (int i = 0; i < 625; i++) {
          HttpResponse<byte[]> r = get(server, paths[(thread + i) % paths.length], null);
          if (r.statusCode() == 200 && r.body().length > 0) {
            ok.incrementAndGet();
          }
        }
        return null;
      }));
    }
    for (Future<?> f : fs) {
      f.get();
    }
    pool.shutdown();
    assertThat(ok.get(), is(10_000));
  }

  @Test
  public void verifyExitsWithFourOnTamperingAndServeChecksItsArguments() throws IOException {
    Path copy = TMP.newFolder("tampered").toPath();
    try (var s = Files.list(audit)) {
      for (Path p : s.toList()) {
        Files.copy(p, copy.resolve(p.getFileName()));
      }
    }
    Path shard;
    try (var s = Files.list(copy)) {
      shard = s.filter(p -> p.getFileName().toString().startsWith("events-audit-1-"))
          .sorted().findFirst().orElseThrow();
    }
    List<String> lines = Files.readAllLines(shard);
    lines.set(0, lines.get(0).replace("\"actor\":\"ci-bot\"", "\"actor\":\"mallory\""));
    Files.write(shard, lines);
    Cli.Result v = Cli.run("audit", "verify", "--dir", copy.toString(), "--json");
    assertThat(v.code(), is(4));
    assertThat(Cli.JSON.readTree(v.out()).at("/problems/0/message").asText(),
        containsString("hash does not match"));
    assertThat(Cli.run("audit", "verify", "--dir", TMP.getRoot() + "/none").code(), is(2));
    // a missing directory is a typo, not an empty (and so intact) trail, for every command
    assertThat(Cli.run("audit", "--dir", TMP.getRoot() + "/none").code(), is(2));
    Cli.Result noDir = Cli.run("serve", "--audit-dir", TMP.getRoot() + "/none");
    assertThat(noDir.code(), is(2));
    assertThat(noDir.err(), containsString("no such directory"));
    Cli.Result badPort = Cli.run("serve", "--audit-dir", audit.toString(), "--port", "70000");
    assertThat(badPort.code(), is(2));
    Cli.Result badToken = Cli.run("serve", "--audit-dir", audit.toString(), "--token-file",
        TMP.getRoot() + "/no-token");
    assertThat(badToken.code(), is(2));
    assertThat(badToken.err(), containsString("--token-file"));
  }
}
