package dev.privacyagent.agent.dispatch;

import dev.privacyagent.analyzer.codec.Bounds;
import java.util.ArrayList;
import java.util.List;

/** The facts of one {@code identify.pb.IdentifyOuterClass$Identify} message, read at once. */
record Identify(
    String agentVersion,
    String protocolVersion,
    List<String> listenAddrs,
    String observedAddr,
    List<String> protocols) {

  static final String MESSAGE_CLASS = "identify.pb.IdentifyOuterClass$Identify";

  private static final java.util.concurrent.ConcurrentHashMap<Class<?>, Boolean> IS_MESSAGE =
      new java.util.concurrent.ConcurrentHashMap<>(64);

  /**
   * Whether a class is jvm-libp2p's identify message; cached so that each write pays one lock-free
   * lookup (the classes written to streams are few: buffers and messages).
   */
  static boolean isMessage(Class<?> type) {
    Boolean b = IS_MESSAGE.get(type);
    if (b == null) {
      b = MESSAGE_CLASS.equals(type.getName());
      IS_MESSAGE.putIfAbsent(type, b);
    }
    return b;
  }

  static Identify read(Object msg) {
    List<String> listen = new ArrayList<>();
    if (Reflect.callOrNull(msg, "getListenAddrsList") instanceof List<?> raw) {
      for (Object b : raw) {
        if (listen.size() >= Bounds.MAX_LIST_ENTRIES) {
          break;
        }
        String a = Facts.binaryAddr(b);
        if (a != null) {
          listen.add(a);
        }
      }
    }
    List<String> protocols = new ArrayList<>();
    if (Reflect.callOrNull(msg, "getProtocolsList") instanceof List<?> raw) {
      for (Object p : raw) {
        if (protocols.size() >= Bounds.MAX_LIST_ENTRIES) {
          break;
        }
        if (p != null) {
          protocols.add(Facts.id(p.toString()));
        }
      }
    }
    return new Identify(
        string(msg, "getAgentVersion"),
        string(msg, "getProtocolVersion"),
        listen,
        Facts.binaryAddr(Reflect.callOrNull(msg, "getObservedAddr")),
        protocols);
  }

  private static String string(Object msg, String getter) {
    Object v = Reflect.callOrNull(msg, getter);
    return v == null ? null : Facts.id(v.toString());
  }
}
