package dev.privacyagent.agent.dispatch;

import java.lang.ref.WeakReference;
import java.util.function.Function;

/**
 * What the agent derived from an application object (the text of a {@code PeerId} or of a pubsub
 * peer handler, the agent's state of a router), remembered by object identity: a hook that sees
 * the same object over and over (every message a peer delivers names the same {@code PeerId}
 * instance) gets it back from one identity hash and one reference comparison, without calling
 * into the object or a map.
 *
 * <p>Two-way set-associative: a key has two slots, and a new key takes a free one or pushes the
 * older of the two out (direct-mapped, two of a node's hundred peers that share a slot would
 * evict each other on every message). Lock-free (an entry is immutable; a racing write only costs
 * a later miss), and it holds its keys weakly: it never keeps an application object alive.
 */
public final class IdentityCache<V> {
  private static final class Entry<V> extends WeakReference<Object> {
    final V value;

    Entry(Object key, V value) {
      super(key);
      this.value = value;
    }
  }

  private final Entry<V>[] slots;
  private final int mask;
  private final Function<Object, V> compute;

  /**
   * @param slots a power of two, at least 2
   * @param compute the value of a key not remembered (may return null, which is not remembered)
   */
  @SuppressWarnings("unchecked")
  public IdentityCache(int slots, Function<Object, V> compute) {
    if (Integer.bitCount(slots) != 1 || slots < 2) {
      throw new IllegalArgumentException("slots must be a power of two, at least 2");
    }
    this.slots = (Entry<V>[]) new Entry<?>[slots];
    this.mask = slots - 1;
    this.compute = compute;
  }

  /** The value of {@code key}, or null for a null key. */
  public V get(Object key) {
    if (key == null) {
      return null;
    }
    int h = System.identityHashCode(key);
    int i = (h ^ (h >>> 16)) & mask & ~1;
    Entry<V> first = slots[i];
    if (first != null && first.get() == key) {
      return first.value;
    }
    Entry<V> second = slots[i + 1];
    if (second != null && second.get() == key) {
      return second.value;
    }
    V value = compute.apply(key);
    if (value != null) {
      if (first != null && first.get() != null) {
        slots[i + 1] = first; // the newest key first, the one before it second
      }
      slots[i] = new Entry<>(key, value);
    }
    return value;
  }
}
