package dev.privacyagent.agent.dispatch.gossip;

import dev.privacyagent.agent.dispatch.Facts;
import dev.privacyagent.agent.dispatch.Getter;
import java.util.HexFormat;
import java.util.List;

/**
 * The metadata of a {@code PubsubMessage}: its first topic, its size and its id. Read through the
 * interface's getters ({@code getMessageId()}, {@code getTopics()}, {@code getSize()}): apps
 * implement the interface directly and cache the id, which can be costly to compute. The message
 * data itself is never read.
 *
 * <p>Every delivery needs the id's {@link #idHash} (the sampling choice) and {@link #fingerprint}
 * (duplicate delays), but only a kept one needs its text: the hex is built on first use, from the
 * id's bytes, which this object holds only as long as the hook that read it (or, for a first copy,
 * until the RPC that carried it is applied).
 */
final class MessageFacts {
  /** Ids are 20 bytes (Ethereum) or from ++ seqno (46): beyond this the hex is cut. */
  static final int MAX_ID_BYTES = 64;
  private static final HexFormat HEX = HexFormat.of();
  private static final Getter TOPICS = new Getter("getTopics");
  private static final Getter SIZE = new Getter("getSize");
  private static final Getter MESSAGE_ID = new Getter("getMessageId");
  private static final Getter ARRAY = new Getter("getArray");
  /** Per byte value: its two hex digits' share of {@link String#hashCode()} (31 * hi + lo). */
  private static final int[] HEX_HASH = new int[256];

  static {
    String digits = "0123456789abcdef";
    for (int b = 0; b < 256; b++) {
      HEX_HASH[b] = 31 * digits.charAt(b >>> 4) + digits.charAt(b & 15);
    }
  }

  final String topic;
  final int size;
  /** {@code msgId().hashCode()}, computed from the bytes; 0 without an id. */
  final int idHash;
  /** A 64-bit hash of the id bytes (never 0), 0 without an id. */
  final long fingerprint;
  private byte[] id;
  private String hex;

  private MessageFacts(String topic, int size, byte[] id) {
    this.topic = topic;
    this.size = size;
    this.id = id;
    int n = id == null ? 0 : Math.min(id.length, MAX_ID_BYTES);
    int h = 0;
    long f = 0xcbf29ce484222325L ^ n;
    for (int i = 0; i < n; i++) {
      int b = id[i] & 0xff;
      h = 961 * h + HEX_HASH[b];
      f = (f ^ b) * 0x100000001b3L;
    }
    this.idHash = h;
    this.fingerprint = id == null ? 0 : (f == 0 ? 1 : f);
  }

  static MessageFacts read(Object message) {
    Object topics = TOPICS.call(message);
    String topic = topics instanceof List<?> l && !l.isEmpty() && l.get(0) != null
        ? Facts.id(l.get(0).toString())
        : null;
    return new MessageFacts(topic, SIZE.callInt(message, -1), idBytes(message));
  }

  private static byte[] idBytes(Object message) {
    return ARRAY.call(MESSAGE_ID.call(message)) instanceof byte[] b ? b : null;
  }

  /** The id only (no topic, size -1): what a duplicate of a remembered message needs. */
  static MessageFacts idOnly(Object message) {
    return new MessageFacts(null, -1, idBytes(message));
  }

  static String id(Object message) {
    return idOnly(message).msgId();
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
      hex = HEX.formatHex(id, 0, Math.min(id.length, MAX_ID_BYTES));
      id = null;
    }
    return hex;
  }
}
