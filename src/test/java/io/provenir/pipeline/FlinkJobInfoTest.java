package io.provenir.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.containsString;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.Test;

public class FlinkJobInfoTest {

  @Test
  public void restBaseOnlyForRemoteMasters() {
    assertThat(FlinkJobInfo.restBase("[local]"), is(nullValue()));
    assertThat(FlinkJobInfo.restBase("[auto]"), is(nullValue()));
    assertThat(FlinkJobInfo.restBase(null), is(nullValue()));
    assertThat(FlinkJobInfo.restBase("127.0.0.1:8081"), is("http://127.0.0.1:8081"));
    assertThat(FlinkJobInfo.restBase("https://flink.example:443/"), is("https://flink.example:443"));
  }

  @Test
  public void sectionCountsRecoveredFailuresAndKeepsNoMessages() throws Exception {
    // The shape of Flink 1.19's /jobs/:jobid/exceptions exceptionHistory.
    JsonNode history = new ObjectMapper().readTree("""
        {"entries": [
          {"exceptionName": "org.apache.flink.runtime.jobmaster.JobMasterException",
           "stacktrace": "secret-looking stack AKIA...", "timestamp": 1764145151514,
           "taskName": "Decontaminate/Check (1/2)", "endpoint": "localhost:42343",
           "taskManagerId": "tm1", "failureLabels": {}, "concurrentExceptions": []},
          {"exceptionName": "java.io.IOException", "timestamp": 1764145152000,
           "taskName": "WriteClean (2/2)", "taskManagerId": "tm2"}],
         "truncated": false}""");
    ObjectNode s = FlinkJobInfo.section("http://127.0.0.1:8081", "abc", "FINISHED", history);
    assertThat(s.path("restarts").asInt(), is(2));
    assertThat(s.path("failures").get(0).path("taskmanager").asText(), is("tm1"));
    assertThat(s.path("failures").get(0).path("time").asText(), is("2025-11-26T08:19:11.514Z"));
    assertThat(s.toString(), not(containsString("stack")));
  }

  /** A cluster whose REST port answers is reachable; a closed port is named as refused. */
  @Test
  public void anUnreachableClusterIsFoundBeforeSubmitting() throws Exception {
    int closed;
    try (java.net.ServerSocket open = new java.net.ServerSocket(0, 1,
        java.net.InetAddress.getLoopbackAddress())) {
      assertThat(FlinkJobInfo.unreachable("http://127.0.0.1:" + open.getLocalPort()),
          is((String) null));
      closed = open.getLocalPort();
    }
    // (nothing listens there now, unless the port was given out again in between: rare)
    assertThat(FlinkJobInfo.unreachable("http://127.0.0.1:" + closed), not(nullValue()));
    assertThat(FlinkJobInfo.unreachable("http://flink_jobmanager:bad"), is((String) null));
  }
}
