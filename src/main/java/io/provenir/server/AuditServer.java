package io.provenir.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.provenir.audit.AuditQuery;
import io.provenir.audit.AuditStore;
import io.provenir.audit.AuditVerifier;
import io.provenir.audit.ChainHasher;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A read-only HTTP view of an audit directory, on the JDK's built-in server
 * ({@code com.sun.net.httpserver}): no dependency to keep patched, enough for an internal,
 * loopback-by-default endpoint that streams files.
 *
 * <ul>
 *   <li>{@code GET /audit}: the same JSONL as {@code provenir audit} for the same filters
 *       ({@code event}, {@code actor}, {@code run_id}, {@code since}, {@code until}),
 *       {@code application/x-ndjson}, streamed (chunked) so a large trail never loads into memory.
 *   <li>{@code GET /audit/verify}: the verifier's result as JSON.
 *   <li>{@code GET /health}: {@code {"status":"ok"}}.
 * </ul>
 *
 * With a token, every request needs {@code Authorization: Bearer <token>} (401 otherwise; the
 * token is compared in constant time). Bad parameters get 400 with a message, other paths 404,
 * other methods 405. Nothing writes, and no parameter names a file.
 */
public final class AuditServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(AuditServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final ExecutorService pool;
  private final AuditStore store;
  private final byte[] token;
  private final ChainHasher hasher;
  /** The audit directory's identity at start (device and inode on Unix), or null if unknown. */
  private final Object dirKey;

  private AuditServer(HttpServer server, ExecutorService pool, AuditStore store, String token,
      ChainHasher hasher) {
    this.server = server;
    this.pool = pool;
    this.store = store;
    this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
    this.hasher = hasher;
    this.dirKey = dirKey(store.dir());
  }

  private static Object dirKey(java.nio.file.Path dir) {
    try {
      return java.nio.file.Files.readAttributes(dir,
          java.nio.file.attribute.BasicFileAttributes.class).fileKey();
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * Whether the audit directory is still the one the server started on: not deleted, and not
   * unmounted (the empty mount point is another directory, with another device and inode).
   */
  private boolean sameDirectory() {
    if (!java.nio.file.Files.isDirectory(store.dir())) {
      return false;
    }
    return dirKey == null || dirKey.equals(dirKey(store.dir()));
  }

  /**
   * Starts serving {@code store} on {@code bind:port} (port 0: any free port).
   *
   * @param token the bearer token, or null for none
   */
  public static AuditServer start(AuditStore store, String bind, int port, String token,
      ChainHasher hasher, int threads) throws IOException {
    HttpServer http = HttpServer.create(new InetSocketAddress(bind, port), 128);
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "provenir-serve");
      t.setDaemon(true);
      return t;
    });
    AuditServer s = new AuditServer(http, pool, store, token, hasher);
    http.createContext("/", s::handle);
    http.setExecutor(pool);
    http.start();
    return s;
  }

  /** The port it listens on. */
  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      if (token != null && !authorized(ex.getRequestHeaders().getFirst("Authorization"))) {
        ex.getResponseHeaders().add("WWW-Authenticate", "Bearer");
        send(ex, 401, "application/json", error("missing or wrong bearer token"));
        return;
      }
      String path = ex.getRequestURI().getRawPath();
      if (!path.equals("/audit") && !path.equals("/audit/verify") && !path.equals("/health")) {
        send(ex, 404, "application/json", error("no such endpoint (GET /audit, /audit/verify,"
            + " /health)"));
        return;
      }
      if (path.equals("/health") && ex.getRequestMethod().equals("HEAD")) {
        // load balancers' health checks often use HEAD: the status, no body
        ex.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(sameDirectory() ? 200 : 503, -1);
        return;
      }
      if (!ex.getRequestMethod().equals("GET")) {
        ex.getResponseHeaders().add("Allow", path.equals("/health") ? "GET, HEAD" : "GET");
        send(ex, 405, "application/json", error("read-only: only GET"));
        return;
      }
      Map<String, String> params;
      try {
        params = parameters(ex.getRequestURI().getRawQuery());
      } catch (IllegalArgumentException e) {
        send(ex, 400, "application/json", error(e.getMessage()));
        return;
      }
      if (!sameDirectory()) {
        // Checked at start-up too; deleted or unmounted since, it must not read as an empty,
        // intact trail.
        send(ex, 503, "application/json", error("the audit directory is gone (deleted, replaced"
            + " or unmounted since the server started)"));
        return;
      }
      switch (path) {
        case "/health" -> {
          if (!params.isEmpty()) {
            send(ex, 400, "application/json", error("/health takes no parameters"));
          } else {
            send(ex, 200, "application/json", "{\"status\":\"ok\"}\n".getBytes(
                StandardCharsets.UTF_8));
          }
        }
        case "/audit" -> {
          AuditQuery q;
          try {
            q = AuditQuery.fromParameters(params);
          } catch (IllegalArgumentException e) {
            send(ex, 400, "application/json", error(e.getMessage()));
            return;
          }
          ex.getResponseHeaders().add("Content-Type", "application/x-ndjson; charset=utf-8");
          ex.sendResponseHeaders(200, 0); // chunked: streamed
          try (OutputStream out = new java.io.BufferedOutputStream(ex.getResponseBody(),
              1 << 16)) {
            store.write(q, out);
          }
        }
        default -> {
          if (!params.isEmpty()) {
            send(ex, 400, "application/json", error("/audit/verify takes no parameters"));
            return;
          }
          AuditVerifier.Result r;
          try {
            r = new AuditVerifier(hasher).verify(store.dir());
          } catch (IllegalStateException e) {
            send(ex, 409, "application/json", error(e.getMessage()));
            return;
          }
          send(ex, 200, "application/json", verifyJson(r));
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("request failed: {}", e.getClass().getSimpleName());
    }
  }

  /** The verifier's result as the server and {@code audit verify --json} give it. */
  public static byte[] verifyJson(AuditVerifier.Result r) {
    ObjectNode n = JSON.createObjectNode();
    n.put("intact", r.intact());
    n.put("events", r.events());
    n.put("files", r.files());
    ArrayNode p = n.putArray("problems");
    for (AuditVerifier.Problem x : r.problems()) {
      ObjectNode o = p.addObject().put("file", x.file());
      if (x.line() > 0) {
        o.put("line", x.line());
      }
      o.put("message", x.message());
    }
    r.notes().forEach(n.putArray("notes")::add);
    try {
      return (JSON.writeValueAsString(n) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private boolean authorized(String header) {
    // the scheme's name is case-insensitive (RFC 7235)
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    return MessageDigest.isEqual(token,
        header.substring("Bearer ".length()).trim().getBytes(StandardCharsets.UTF_8));
  }

  static Map<String, String> parameters(String rawQuery) {
    Map<String, String> out = new LinkedHashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return out;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      if (out.put(k, v) != null) {
        throw new IllegalArgumentException("parameter '" + k + "' given twice");
      }
    }
    return out;
  }

  private static byte[] error(String message) {
    ObjectNode n = JSON.createObjectNode().put("error", message);
    return (n.toString() + "\n").getBytes(StandardCharsets.UTF_8);
  }

  private static void send(HttpExchange ex, int status, String type, byte[] body)
      throws IOException {
    ex.getResponseHeaders().add("Content-Type", type + "; charset=utf-8");
    ex.sendResponseHeaders(status, body.length);
    ex.getResponseBody().write(body);
  }
}
