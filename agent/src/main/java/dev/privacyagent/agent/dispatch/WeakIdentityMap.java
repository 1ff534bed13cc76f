package dev.privacyagent.agent.dispatch;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A concurrent map keyed by object identity that holds its keys weakly: the agent remembers what
 * it has seen of an application object without keeping the object alive. Stale entries are purged
 * on every write.
 */
public final class WeakIdentityMap<V> {

  private final ConcurrentHashMap<Key, V> map = new ConcurrentHashMap<>();
  private final ReferenceQueue<Object> queue = new ReferenceQueue<>();

  public V get(Object key) {
    return key == null ? null : map.get(new Lookup(key));
  }

  public boolean containsKey(Object key) {
    return key != null && map.containsKey(new Lookup(key));
  }

  /** Associates {@code value} unless a value is present; returns the previous value or null. */
  public V putIfAbsent(Object key, V value) {
    purge();
    return map.putIfAbsent(new Ref(key, queue), value);
  }

  public V computeIfAbsent(Object key, Function<Object, V> fn) {
    V v = get(key);
    if (v != null) {
      return v;
    }
    purge();
    return map.computeIfAbsent(new Ref(key, queue), k -> fn.apply(key));
  }

  public V remove(Object key) {
    return key == null ? null : map.remove(new Lookup(key));
  }

  /** Entries whose key is still alive (approximate under concurrency). */
  public int size() {
    purge();
    return map.size();
  }

  public void forEachValue(java.util.function.Consumer<V> action) {
    map.values().forEach(action);
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
