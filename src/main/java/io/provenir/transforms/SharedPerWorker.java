package io.provenir.transforms;

import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One object per worker JVM for all instances of a DoFn. Runners deserialize a DoFn once per
 * thread (the Direct Runner) or per subtask (Flink), so state kept in a DoFn field is kept once
 * per thread; an object that is thread-safe and worth sharing (a cache, a structure built from a
 * side input) is better kept once per JVM. The key is an id the DoFn draws when it is constructed
 * at pipeline construction, so every deserialized copy of it shares one object, and another
 * pipeline (or another step) in the same JVM gets its own.
 *
 * <p>Entries are held weakly: the object lives as long as some DoFn instance holds it, so a
 * long-lived worker (a Flink TaskManager) does not keep the objects of finished jobs.
 */
final class SharedPerWorker {

  private static final Map<String, WeakReference<Object>> SHARED = new ConcurrentHashMap<>();

  private SharedPerWorker() {}

  /**
   * The object shared under {@code key}, made by {@code make} if there is none (once, whatever
   * the number of threads asking). The caller must keep the result in a field: that is what
   * keeps it alive.
   */
  @SuppressWarnings("unchecked")
  static synchronized <T> T get(String key, Supplier<T> make) {
    WeakReference<Object> ref = SHARED.get(key);
    Object o = ref == null ? null : ref.get();
    if (o == null) {
      SHARED.values().removeIf(r -> r.get() == null);
      o = make.get();
      SHARED.put(key, new WeakReference<>(o));
    }
    return (T) o;
  }
}
