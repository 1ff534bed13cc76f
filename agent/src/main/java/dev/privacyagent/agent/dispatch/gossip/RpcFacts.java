package dev.privacyagent.agent.dispatch.gossip;

import dev.privacyagent.agent.dispatch.Facts;
import dev.privacyagent.agent.dispatch.Reflect;
import java.util.ArrayList;
import java.util.List;

/**
 * What one {@code pubsub.pb.Rpc$RPC} says besides its messages: subscription changes, GRAFT and
 * PRUNE topics, and how many message ids its IHAVE, IWANT and IDONTWANT carry. Protobuf messages are
 * immutable, so any thread may read them. Lists are bounded: beyond {@link #MAX_ENTRIES} entries
 * the rest is counted in {@code truncated}.
 */
record RpcFacts(
    List<Sub> subscriptions,
    List<String> grafts,
    List<Prune> prunes,
    int ihaveIds,
    int iwantIds,
    int idontwantIds,
    int truncated) {

  static final int MAX_ENTRIES = 256;
  static final RpcFacts EMPTY = new RpcFacts(List.of(), List.of(), List.of(), 0, 0, 0, 0);

  record Sub(String topic, boolean subscribe) {}

  /** {@code backoffSeconds} -1 when the PRUNE carries none. */
  record Prune(String topic, long backoffSeconds) {}

  boolean hasControl() {
    return ihaveIds + iwantIds + idontwantIds + grafts.size() + prunes.size() > 0;
  }

  static RpcFacts read(Object rpc) {
    return read(rpc, true);
  }

  /** Control only: what our own RPCs carry besides our subscriptions (reported at their hook). */
  static RpcFacts readControl(Object rpc) {
    return read(rpc, false);
  }

  private static RpcFacts read(Object rpc, boolean withSubscriptions) {
    int cut = 0;
    List<Sub> subs = List.of();
    if (withSubscriptions && count(rpc, "getSubscriptionsCount") > 0
        && Reflect.callOrNull(rpc, "getSubscriptionsList") instanceof List<?> l) {
      subs = new ArrayList<>(Math.min(l.size(), MAX_ENTRIES));
      for (Object s : l) {
        if (subs.size() >= MAX_ENTRIES) {
          cut++;
          continue;
        }
        Object topic = Reflect.callOrNull(s, "getTopicid");
        subs.add(new Sub(topic == null ? null : Facts.id(topic.toString()),
            Boolean.TRUE.equals(Reflect.callOrNull(s, "getSubscribe"))));
      }
    }
    if (!Boolean.TRUE.equals(Reflect.callOrNull(rpc, "hasControl"))) {
      return subs.isEmpty() && cut == 0 ? EMPTY : new RpcFacts(subs, List.of(), List.of(), 0, 0, 0, cut);
    }
    Object control = Reflect.callOrNull(rpc, "getControl");
    List<String> grafts = new ArrayList<>(0);
    if (count(control, "getGraftCount") > 0 && Reflect.callOrNull(control, "getGraftList") instanceof List<?> l) {
      for (Object g : l) {
        if (grafts.size() >= MAX_ENTRIES) {
          cut++;
          continue;
        }
        grafts.add(topic(g));
      }
    }
    List<Prune> prunes = new ArrayList<>(0);
    if (count(control, "getPruneCount") > 0 && Reflect.callOrNull(control, "getPruneList") instanceof List<?> l) {
      for (Object p : l) {
        if (prunes.size() >= MAX_ENTRIES) {
          cut++;
          continue;
        }
        boolean has = Boolean.TRUE.equals(Reflect.callOrNull(p, "hasBackoff"));
        Object backoff = has ? Reflect.callOrNull(p, "getBackoff") : null;
        prunes.add(new Prune(topic(p), backoff instanceof Long b ? b : -1));
      }
    }
    return new RpcFacts(subs, grafts, prunes,
        ids(control, "getIhaveCount", "getIhaveList"),
        ids(control, "getIwantCount", "getIwantList"),
        ids(control, "getIdontwantCount", "getIdontwantList"),
        cut);
  }

  private static String topic(Object entry) {
    Object t = Reflect.callOrNull(entry, "getTopicID");
    return t == null ? null : Facts.id(t.toString());
  }

  /** Sum of {@code getMessageIDsCount()} over the entries of one control list. */
  private static int ids(Object control, String countGetter, String listGetter) {
    if (count(control, countGetter) <= 0 || !(Reflect.callOrNull(control, listGetter) instanceof List<?> l)) {
      return 0;
    }
    int n = 0;
    for (Object e : l) {
      n += count(e, "getMessageIDsCount");
    }
    return n;
  }

  private static int count(Object target, String getter) {
    return Reflect.callOrNull(target, getter) instanceof Integer n ? n : 0;
  }

  /** The backoff of a PRUNE of {@code topic} in this RPC, -1 when none (or no such PRUNE). */
  long backoffOf(String topic) {
    for (Prune p : prunes) {
      if (java.util.Objects.equals(p.topic, topic)) {
        return p.backoffSeconds;
      }
    }
    return -1;
  }

  boolean prunes(String topic) {
    for (Prune p : prunes) {
      if (java.util.Objects.equals(p.topic, topic)) {
        return true;
      }
    }
    return false;
  }
}
