package dev.privacyagent.agent.dispatch.gossip;

import dev.privacyagent.agent.dispatch.Facts;
import dev.privacyagent.agent.dispatch.Getter;
import dev.privacyagent.bootstrap.GossipBridge;
import java.util.List;

/**
 * The metadata of a {@code PubsubMessage}: its first topic, its size and its id. Read through the
 * interface's getters ({@code getMessageId()}, {@code getTopics()}, {@code getSize()}): apps
 * implement the interface directly and cache the id, which can be costly to compute. The message
 * data itself is never read.
 *
 * <p>Every delivery needs the id's {@link #fingerprint} (the sampling choice, and duplicate
 * delays), but only a kept one needs its text: the hex is built on first use, from the
 * id's bytes, which this object holds only as long as the hook that read it (or, for a first copy,
 * until the RPC that carried it is applied).
 */
final class MessageFacts {
  /** Ids are 20 bytes (Ethereum) or from ++ seqno (46): beyond this the hex is cut. */
  static final int MAX_ID_BYTES = 64;
  /** Per byte value, its two hex digits as one little-endian 16-bit value (first digit low). */
  private static final short[] HEX_PAIRS = new short[256];
  private static final java.lang.invoke.VarHandle SHORTS =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(short[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

  static {
    String digits = "0123456789abcdef";
    for (int b = 0; b < 256; b++) {
      HEX_PAIRS[b] = (short) (digits.charAt(b >>> 4) | digits.charAt(b & 15) << 8);
    }
  }
  private static final Getter TOPICS = new Getter("getTopics");
  private static final Getter SIZE = new Getter("getSize");
  private static final Getter MESSAGE_ID = new Getter("getMessageId");
  private static final Getter ARRAY = new Getter("getArray");
  private static final java.lang.invoke.VarHandle LONGS =
      java.lang.invoke.MethodHandles.byteArrayViewVarHandle(long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

  final String topic;
  final int size;
  /** A 64-bit hash of the id bytes (never 0), 0 without an id. */
  final long fingerprint;
  private byte[] id;
  private String hex;

  private MessageFacts(String topic, int size, byte[] id) {
    this.topic = topic;
    this.size = size;
    this.id = id;
    this.fingerprint = fingerprint(id);
  }

  /** The id's fingerprint (its first {@value #MAX_ID_BYTES} bytes), 0 without an id. */
  static long fingerprint(byte[] id) {
    return id == null ? 0 : fingerprint(id, Math.min(id.length, MAX_ID_BYTES));
  }

  /** A 64-bit hash of the first {@code n} bytes, eight at a time; never 0. */
  private static long fingerprint(byte[] id, int n) {
    long f = 0x9E3779B97F4A7C15L ^ n;
    int i = 0;
    for (; i + 8 <= n; i += 8) {
      f = Long.rotateLeft((f ^ (long) LONGS.get(id, i)) * 0x9E3779B97F4A7C15L, 29);
    }
    for (; i < n; i++) {
      f = (f ^ (id[i] & 0xff)) * 0x100000001b3L;
    }
    f ^= f >>> 31;
    f *= 0xBF58476D1CE4E5B9L;
    f ^= f >>> 27;
    return f == 0 ? 1 : f;
  }

  static MessageFacts read(Object message) {
    GossipBridge.Reads r = ReadsClass.current();
    if (r != null && r.isMessage(message)) {
      try {
        return of(r.topics(message), r.size(message), r.id(message));
      } catch (Throwable t) {
        // a getter of the message failed: read them one by one, each failure its own default
      }
    }
    return of(TOPICS.call(message), SIZE.callInt(message, -1), idBytes(message));
  }

  /** From what the message's getters returned: {@code getTopics()}, {@code getSize()} and the id's bytes. */
  static MessageFacts of(Object topics, int size, byte[] id) {
    String topic = topics instanceof List<?> l && !l.isEmpty() && l.get(0) != null
        ? Facts.id(l.get(0).toString())
        : null;
    return new MessageFacts(topic, size, id);
  }

  static byte[] idBytes(Object message) {
    GossipBridge.Reads r = ReadsClass.current();
    if (r != null && r.isMessage(message)) {
      try {
        return r.id(message);
      } catch (Throwable t) {
        // as in read: the reflective path has its own defaults
      }
    }
    return ARRAY.call(MESSAGE_ID.call(message)) instanceof byte[] b ? b : null;
  }

  /**
   * {@code HexFormat.of().formatHex(id, 0, n)}: two digits per byte from a table, stored as one
   * 16-bit write into Latin-1 bytes (a builder appends char by char; the own publish of every
   * message needs its id's text).
   */
  static String hex(byte[] id, int n) {
    byte[] digits = new byte[2 * n];
    for (int i = 0; i < n; i++) {
      SHORTS.set(digits, 2 * i, HEX_PAIRS[id[i] & 0xff]);
    }
    return new String(digits, java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  String topic() {
    return topic;
  }

  int size() {
    return size;
  }

  /** The id as hex (cut at {@value #MAX_ID_BYTES} bytes), or null without an id. */
  String msgId() {
    if (hex == null && id != null) {
      hex = hex(id, Math.min(id.length, MAX_ID_BYTES));
      id = null;
    }
    return hex;
  }
}
