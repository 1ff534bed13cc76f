package dev.privacyagent.agent.dispatch.gossip;

import dev.privacyagent.agent.dispatch.Facts;
import dev.privacyagent.agent.dispatch.Reflect;
import java.util.HexFormat;
import java.util.List;

/**
 * The metadata of a {@code PubsubMessage}: its first topic, its id as hex and its size. Read
 * through the interface's getters ({@code getMessageId()}, {@code getTopics()}, {@code getSize()}):
 * apps implement the interface directly and cache the id, which can be costly to compute. The
 * message data itself is never read.
 */
record MessageFacts(String topic, String msgId, int size) {
  /** Ids are 20 bytes (Ethereum) or from ++ seqno (46): beyond this the hex is cut. */
  static final int MAX_ID_BYTES = 64;
  private static final HexFormat HEX = HexFormat.of();

  static MessageFacts read(Object message) {
    Object topics = Reflect.callOrNull(message, "getTopics");
    String topic = topics instanceof List<?> l && !l.isEmpty() && l.get(0) != null
        ? Facts.id(l.get(0).toString())
        : null;
    Object size = Reflect.callOrNull(message, "getSize");
    return new MessageFacts(topic, id(message), size instanceof Integer n ? n : -1);
  }

  static String id(Object message) {
    Object wbytes = Reflect.callOrNull(message, "getMessageId");
    Object raw = Reflect.callOrNull(wbytes, "getArray");
    if (!(raw instanceof byte[] b)) {
      return null;
    }
    return HEX.formatHex(b, 0, Math.min(b.length, MAX_ID_BYTES));
  }
}
