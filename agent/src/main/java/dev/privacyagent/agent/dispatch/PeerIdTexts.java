package dev.privacyagent.agent.dispatch;

import java.util.Arrays;

/**
 * Base58 text of peer ids, keyed by their bytes. jvm-libp2p encodes on every {@code toBase58()}
 * call (a big-number division, about 1.7 us for an Ed25519 id: the largest single cost of a hook,
 * see docs/performance.md), while a node reports the same few peers over and over.
 *
 * <p>Direct-mapped and lock-free, so that an application thread never waits on it: a slot holds an
 * immutable entry, and a racing write only costs a later miss. It holds copies of the bytes, never
 * a {@code PeerId}.
 */
final class PeerIdTexts {
  private static final int SLOTS = 4096;

  private record Entry(byte[] bytes, String text) {}

  private final Entry[] slots = new Entry[SLOTS];

  String get(byte[] bytes) {
    Entry e = slots[index(bytes)];
    return e != null && Arrays.equals(e.bytes, bytes) ? e.text : null;
  }

  void put(byte[] bytes, String text) {
    slots[index(bytes)] = new Entry(bytes.clone(), text);
  }

  private static int index(byte[] bytes) {
    int h = Arrays.hashCode(bytes);
    return (h ^ (h >>> 16)) & (SLOTS - 1);
  }
}
