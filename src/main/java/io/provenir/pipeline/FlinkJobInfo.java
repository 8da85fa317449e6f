package io.provenir.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a Flink cluster's REST API says about a finished job: its id and the failures it recovered
 * from (each one a restart of the failed region), for the run's report. Flink's
 * {@code numRestarts} metric undercounts region restarts, so the count is the job's exception
 * history. Only exception class names, task names and TaskManager ids are kept: never a message
 * or a stack trace, which could quote a record.
 */
final class FlinkJobInfo {

  private static final Logger LOG = LoggerFactory.getLogger(FlinkJobInfo.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private FlinkJobInfo() {}

  /**
   * The REST base URL of a {@code flinkMaster} option, or null when the job ran in-process
   * ({@code [local]}, {@code [auto]}, {@code [collection]}) or no master is set.
   */
  static String restBase(String flinkMaster) {
    if (flinkMaster == null || flinkMaster.isBlank() || flinkMaster.startsWith("[")) {
      return null;
    }
    String m = flinkMaster.trim();
    if (!m.startsWith("http://") && !m.startsWith("https://")) {
      m = "http://" + m;
    }
    return m.endsWith("/") ? m.substring(0, m.length() - 1) : m;
  }

  /**
   * Why the Flink cluster at {@code restBase} cannot take a job (its REST port refuses or does not
   * answer in 5 s), or null when it answers. Asked before submitting: otherwise the client retries
   * for a minute and fails with pages of stack traces that never name the address.
   */
  static String unreachable(String restBase) {
    String host;
    int port;
    try { // by hand: java.net.URI has no host for names with '_' (docker-compose service names)
      String authority = restBase.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://", "");
      authority = authority.contains("/") ? authority.substring(0, authority.indexOf('/'))
          : authority;
      int colon = authority.lastIndexOf(':');
      host = colon > 0 ? authority.substring(0, colon) : authority;
      port = colon > 0 ? Integer.parseInt(authority.substring(colon + 1)) : 8081;
    } catch (NumberFormatException e) {
      return null; // not host:port: leave it to the Flink client to say
    }
    try (java.net.Socket s = new java.net.Socket()) {
      s.connect(new java.net.InetSocketAddress(host, port), 5000);
      return null;
    } catch (IllegalArgumentException e) {
      return null;
    } catch (java.net.UnknownHostException e) {
      return "unknown host " + host;
    } catch (IOException e) {
      return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
  }

  /**
   * The {@code execution} section for the report: runner, cluster, job id, restarts and the
   * failures recovered from; null when the cluster does not answer or has no job of that name.
   */
  static ObjectNode fetch(String restBase, String jobName) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    try {
      JsonNode jobs = get(http, restBase + "/jobs/overview").path("jobs");
      JsonNode job = null;
      for (JsonNode j : jobs) {
        if (jobName.equals(j.path("name").asText())
            && (job == null || j.path("start-time").asLong() > job.path("start-time").asLong())) {
          job = j;
        }
      }
      if (job == null) {
        LOG.warn("the Flink cluster at {} lists no job named {}; the report has no restart count",
            restBase, jobName);
        return null;
      }
      String jid = job.path("jid").asText();
      JsonNode history = get(http, restBase + "/jobs/" + jid + "/exceptions?maxExceptions=100")
          .path("exceptionHistory");
      return section(restBase, jid, job.path("state").asText(), history);
    } catch (IOException e) {
      LOG.warn("could not ask the Flink cluster at {} about the job ({}); the report has no"
          + " restart count", restBase, e.getMessage());
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** The report section from a job's exception history (REST {@code /jobs/:id/exceptions}). */
  static ObjectNode section(String restBase, String jobId, String state, JsonNode history) {
    ObjectNode out = JSON.createObjectNode();
    out.put("runner", "FlinkRunner");
    out.put("flink_rest", restBase);
    out.put("flink_job_id", jobId);
    out.put("flink_state", state);
    ArrayNode failures = out.putArray("failures");
    for (JsonNode e : history.path("entries")) {
      ObjectNode f = failures.addObject();
      f.put("time", Instant.ofEpochMilli(e.path("timestamp").asLong()).toString());
      f.put("exception", e.path("exceptionName").asText());
      putIfText(f, "task", e.path("taskName"));
      putIfText(f, "taskmanager", e.path("taskManagerId"));
      putIfText(f, "endpoint", e.path("endpoint"));
    }
    out.put("restarts", failures.size());
    out.put("failures_truncated", history.path("truncated").asBoolean(false));
    return out;
  }

  private static void putIfText(ObjectNode into, String key, JsonNode v) {
    if (v.isTextual() && !v.asText().isEmpty()) {
      into.put(key, v.asText());
    }
  }

  private static JsonNode get(HttpClient http, String url)
      throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException("HTTP " + r.statusCode() + " from " + url);
    }
    return JSON.readTree(r.body());
  }
}
