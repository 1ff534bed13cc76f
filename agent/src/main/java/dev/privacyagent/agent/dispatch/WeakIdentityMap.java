package dev.privacyagent.agent.dispatch;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A concurrent map keyed by object identity that holds its keys weakly: the agent remembers what
 * it has seen of an application object without keeping the object alive. Stale entries are purged
 * by the agent's worker ({@link #purgeAll}), never on the application threads that write: polling
 * the reference queue takes its lock (which the JVM's reference handler holds while it enqueues),
 * and removing from a map bin takes the bin's monitor.
 */
public final class WeakIdentityMap<V> {

  /**
   * Sized so that bins rarely collide: an insert into an empty bin is a CAS, while one into an
   * occupied bin (or any computeIfAbsent) takes the bin's monitor, which an application thread
   * could then have to wait for.
   */
  private final ConcurrentHashMap<Key, V> map = new ConcurrentHashMap<>(1024);
  private final ReferenceQueue<Object> queue = new ReferenceQueue<>();

  /** Every map, for {@link #purgeAll}; held weakly (a test's agent and its maps go away). */
  private static final java.util.concurrent.CopyOnWriteArrayList<WeakReference<WeakIdentityMap<?>>> ALL =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  public WeakIdentityMap() {
    ALL.add(new WeakReference<>(this));
  }

  /** Removes the entries of collected keys from every map: on the agent's worker. */
  static void purgeAll() {
    for (WeakReference<WeakIdentityMap<?>> r : ALL) {
      WeakIdentityMap<?> m = r.get();
      if (m == null) {
        ALL.remove(r);
      } else {
        m.purge();
      }
    }
  }

  public V get(Object key) {
    return key == null ? null : map.get(new Lookup(key));
  }

  public boolean containsKey(Object key) {
    return key != null && map.containsKey(new Lookup(key));
  }

  /** Associates {@code value} unless a value is present; returns the previous value or null. */
  public V putIfAbsent(Object key, V value) {
    return map.putIfAbsent(new Ref(key, queue), value);
  }

  /**
   * The value for {@code key}, created by {@code fn} if absent. {@code fn} may run more than once
   * under a race (only one result is kept), so it must be cheap and free of side effects that
   * matter; in exchange no thread ever waits inside {@code fn} of another.
   */
  public V computeIfAbsent(Object key, Function<Object, V> fn) {
    V v = get(key);
    if (v != null) {
      return v;
    }
    V created = fn.apply(key);
    V raced = map.putIfAbsent(new Ref(key, queue), created);
    return raced != null ? raced : created;
  }

  public V remove(Object key) {
    return key == null ? null : map.remove(new Lookup(key));
  }

  /** Entries whose key is still alive (approximate under concurrency); purges, so agent threads only. */
  public int size() {
    purge();
    return map.size();
  }

  private void purge() {
    Object r;
    while ((r = queue.poll()) != null) {
      map.remove(r);
    }
  }

  /** Both key kinds compare by the identity of their referent. */
  private interface Key {
    Object referent();
  }

  private static final class Ref extends WeakReference<Object> implements Key {
    private final int hash;

    Ref(Object referent, ReferenceQueue<Object> q) {
      super(referent, q);
      this.hash = System.identityHashCode(referent);
    }

    @Override
    public Object referent() {
      return get();
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      if (o == this) {
        return true;
      }
      if (!(o instanceof Key k)) {
        return false;
      }
      Object mine = get();
      return mine != null && mine == k.referent();
    }
  }

  private record Lookup(Object referent) implements Key {
    @Override
    public int hashCode() {
      return System.identityHashCode(referent);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && k.referent() == referent;
    }
  }
}
