package io.provenir.audit;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class AuditDigestTest {

  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void anIdIsClaimedOnceEvenByLaunchesAtTheSameMoment() throws Exception {
    Path dir = tmp.getRoot().toPath().resolve("audit/nested");
    assertThat(AuditDigest.runExists(dir, "r1"), is(false));
    int launches = 8;
    ExecutorService pool = Executors.newFixedThreadPool(launches);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Boolean>> claims = new ArrayList<>();
      for (int i = 0; i < launches; i++) {
        Callable<Boolean> claim = () -> {
          go.await();
          return AuditDigest.claim(dir, "r1");
        };
        claims.add(pool.submit(claim));
      }
      go.countDown();
      int won = 0;
      for (Future<Boolean> c : claims) {
        won += c.get() ? 1 : 0;
      }
      assertThat(won, is(1));
    } finally {
      pool.shutdownNow();
    }
    assertThat(AuditDigest.runExists(dir, "r1"), is(true));
    assertThat(AuditDigest.runExists(dir, "r2"), is(false));
    assertThat(AuditDigest.claim(dir, "r2"), is(true));
  }
}
