package io.provenir.decontam;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeSet;

/** Finds embedders by name: the built-in default and any {@link EmbedderProvider} plug-in. */
public final class Embedders {

  /** The default model. */
  public static final String DEFAULT = MiniLmEmbedder.NAME;

  private Embedders() {}

  /**
   * The shared embedder called {@code name}.
   *
   * @throws IllegalArgumentException naming the models there are
   */
  public static Embedder named(String name) {
    if (name == null || name.equals(MiniLmEmbedder.NAME)) {
      return MiniLmEmbedder.shared();
    }
    for (EmbedderProvider p : ServiceLoader.load(EmbedderProvider.class)) {
      if (p.name().equals(name)) {
        return p.get();
      }
    }
    throw new IllegalArgumentException("unknown embedding model '" + name + "'; available: "
        + String.join(", ", names()));
  }

  /**
   * Embeds {@code texts} with {@code threads} threads calling {@code embedder} at once, for bulk
   * work outside a runner (the CLI's {@code embed} and {@code eval decontam}).
   */
  public static float[][] embedParallel(Embedder embedder, List<String> texts, int threads) {
    int chunk = 64;
    int chunks = (texts.size() + chunk - 1) / chunk;
    float[][] out = new float[texts.size()][];
    if (threads <= 1 || chunks <= 1) {
      return embedder.embed(texts);
    }
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
          Thread t = new Thread(r, "provenir-embed");
          t.setDaemon(true);
          return t;
        });
    try {
      List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
      for (int c = 0; c < chunks; c++) {
        int from = c * chunk;
        int to = Math.min(texts.size(), from + chunk);
        futures.add(pool.submit(() -> {
          float[][] v = embedder.embed(texts.subList(from, to));
          System.arraycopy(v, 0, out, from, v.length);
        }));
      }
      for (java.util.concurrent.Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while embedding", e);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
    return out;
  }

  /** Whether {@link #named} knows {@code name}. */
  public static boolean exists(String name) {
    return names().contains(name);
  }

  /** Every known model name. */
  public static List<String> names() {
    TreeSet<String> names = new TreeSet<>();
    names.add(MiniLmEmbedder.NAME);
    for (EmbedderProvider p : ServiceLoader.load(EmbedderProvider.class)) {
      names.add(p.name());
    }
    return new ArrayList<>(names);
  }
}
