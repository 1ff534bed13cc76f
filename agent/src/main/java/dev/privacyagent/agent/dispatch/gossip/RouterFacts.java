package dev.privacyagent.agent.dispatch.gossip;

import dev.privacyagent.agent.dispatch.Facts;
import dev.privacyagent.agent.dispatch.Reflect;

/**
 * A router's own parameters ({@code GossipParams}, immutable) and the newest protocol it offers;
 * each null when this jvm-libp2p does not have the getter.
 *
 * @param floodThreshold own messages up to this size are flood-published; -1: never
 */
record RouterFacts(String protocolId, Long d, Long dLow, Long dHigh, Long dLazy, int floodThreshold,
    Long heartbeatMillis) {

  static RouterFacts read(Object router) {
    Object params = Reflect.callOrNull(router, "getParams");
    Object protocol = Reflect.callOrNull(router, "getProtocol");
    Object announce = Reflect.callOrNull(protocol, "getAnnounceStr");
    Object heartbeat = Reflect.callOrNull(params, "getHeartbeatInterval");
    return new RouterFacts(
        announce == null ? null : Facts.id(announce.toString()),
        num(params, "getD"), num(params, "getDLow"), num(params, "getDHigh"), num(params, "getDLazy"),
        floodThreshold(params),
        heartbeat instanceof java.time.Duration dur ? dur.toMillis() : null);
  }

  private static Long num(Object params, String getter) {
    return Reflect.callOrNull(params, getter) instanceof Number n ? n.longValue() : null;
  }

  /** 1.2.1+ has the size threshold; older releases a boolean {@code floodPublish}. */
  private static int floodThreshold(Object params) {
    if (Reflect.callOrNull(params, "getFloodPublishMaxMessageSizeThreshold") instanceof Integer n) {
      return n;
    }
    return Boolean.TRUE.equals(Reflect.callOrNull(params, "getFloodPublish")) ? Integer.MAX_VALUE : -1;
  }
}
