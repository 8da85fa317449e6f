package io.provenir.transforms;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.sameInstance;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.Test;

public class SharedPerWorkerTest {

  @Test
  public void threadsAskingForOneKeyGetOneObjectMadeOnce() throws Exception {
    AtomicInteger made = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Object>> got = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        got.add(pool.submit(() -> SharedPerWorker.get("step-a", () -> {
          made.incrementAndGet();
          return new Object();
        })));
      }
      Object first = got.get(0).get();
      for (Future<Object> f : got) {
        assertThat(f.get(), sameInstance(first));
      }
      assertThat(made.get(), is(1));
      assertThat(SharedPerWorker.get("step-b", Object::new), not(sameInstance(first)));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  public void anObjectNoDoFnHoldsAnyMoreIsNotKept() throws Exception {
    WeakReference<Object> ref = new WeakReference<>(SharedPerWorker.get("step-c", Object::new));
    for (int i = 0; i < 50 && ref.get() != null; i++) {
      System.gc();
      Thread.sleep(10);
    }
    assertThat(ref.get() == null, is(true));
    Object again = SharedPerWorker.get("step-c", Object::new);
    assertThat(SharedPerWorker.get("step-c", Object::new), sameInstance(again));
  }
}
