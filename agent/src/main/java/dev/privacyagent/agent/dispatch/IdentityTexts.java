package dev.privacyagent.agent.dispatch;

import java.lang.ref.WeakReference;
import java.util.function.Function;

/**
 * Text of immutable application objects (a {@code PeerId}, a pubsub peer handler), remembered by
 * object identity: a hook that sees the same object over and over (every message a peer delivers
 * names the same {@code PeerId} instance) gets its text back from one identity hash and one
 * reference comparison, without calling into the object at all.
 *
 * <p>Direct-mapped and lock-free (an entry is immutable; a racing write only costs a later miss),
 * and it holds its keys weakly: it never keeps an application object alive.
 */
public final class IdentityTexts {
  private static final class Entry extends WeakReference<Object> {
    final String text;

    Entry(Object key, String text) {
      super(key);
      this.text = text;
    }
  }

  private final Entry[] slots;
  private final int mask;
  private final Function<Object, String> compute;

  /**
   * @param slots a power of two
   * @param compute the text of a key not remembered (may return null, which is not remembered)
   */
  public IdentityTexts(int slots, Function<Object, String> compute) {
    if (Integer.bitCount(slots) != 1) {
      throw new IllegalArgumentException("slots must be a power of two");
    }
    this.slots = new Entry[slots];
    this.mask = slots - 1;
    this.compute = compute;
  }

  /** The text of {@code key}, or null for a null key. */
  public String get(Object key) {
    if (key == null) {
      return null;
    }
    int h = System.identityHashCode(key);
    int i = (h ^ (h >>> 16)) & mask;
    Entry e = slots[i];
    if (e != null && e.get() == key) {
      return e.text;
    }
    String text = compute.apply(key);
    if (text != null) {
      slots[i] = new Entry(key, text);
    }
    return text;
  }
}
