package dev.privacyagent.agent.dispatch.gossip;

import dev.privacyagent.agent.dispatch.Facts;
import dev.privacyagent.agent.dispatch.Getter;
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
  private static final Getter GET_BACKOFF = new Getter("getBackoff");
  private static final Getter GET_CONTROL = new Getter("getControl");
  private static final Getter GET_GRAFT_COUNT = new Getter("getGraftCount");
  private static final Getter GET_GRAFT_LIST = new Getter("getGraftList");
  private static final Getter GET_IDONTWANT_COUNT = new Getter("getIdontwantCount");
  private static final Getter GET_IDONTWANT_LIST = new Getter("getIdontwantList");
  private static final Getter GET_IHAVE_COUNT = new Getter("getIhaveCount");
  private static final Getter GET_IHAVE_LIST = new Getter("getIhaveList");
  private static final Getter GET_IWANT_COUNT = new Getter("getIwantCount");
  private static final Getter GET_IWANT_LIST = new Getter("getIwantList");
  private static final Getter GET_MESSAGE_I_DS_COUNT = new Getter("getMessageIDsCount");
  private static final Getter GET_PRUNE_COUNT = new Getter("getPruneCount");
  private static final Getter GET_PRUNE_LIST = new Getter("getPruneList");
  private static final Getter GET_SUBSCRIBE = new Getter("getSubscribe");
  private static final Getter GET_SUBSCRIPTIONS_COUNT = new Getter("getSubscriptionsCount");
  private static final Getter GET_SUBSCRIPTIONS_LIST = new Getter("getSubscriptionsList");
  private static final Getter GET_TOPICID = new Getter("getTopicid");
  private static final Getter GET_TOPIC_I_D = new Getter("getTopicID");
  private static final Getter HAS_BACKOFF = new Getter("hasBackoff");
  private static final Getter HAS_CONTROL = new Getter("hasControl");
  static final RpcFacts EMPTY = new RpcFacts(List.of(), List.of(), List.of(), 0, 0, 0, 0);

  record Sub(String topic, boolean subscribe) {}

  /** {@code backoffSeconds} -1 when the PRUNE carries none. */
  record Prune(String topic, long backoffSeconds) {}

  boolean hasControl() {
    return ihaveIds + iwantIds + idontwantIds + grafts.size() + prunes.size() > 0;
  }

  /** Whether the RPC carries a control part at all (GRAFT, PRUNE, IHAVE, IWANT, IDONTWANT). */
  static boolean hasControl(Object rpc) {
    int c = generated(rpc, true);
    return c >= 0 ? c == 1 : HAS_CONTROL.callTrue(rpc);
  }

  private static int subscriptionCount(Object rpc) {
    int n = generated(rpc, false);
    return n >= 0 ? n : count(rpc, GET_SUBSCRIPTIONS_COUNT);
  }

  /**
   * {@code hasControl()} as 1 or 0, or {@code getSubscriptionsCount()}, through the generated
   * reads; -1 without them (or for an RPC of another type), 0 when the getter throws (as the
   * reflective call answers).
   */
  private static int generated(Object rpc, boolean control) {
    dev.privacyagent.bootstrap.GossipBridge.Reads r = ReadsClass.current();
    if (r == null) {
      return -1;
    }
    try {
      return control ? r.control(rpc) : r.subscriptions(rpc);
    } catch (Throwable t) {
      return 0;
    }
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
    if (withSubscriptions && subscriptionCount(rpc) > 0
        && GET_SUBSCRIPTIONS_LIST.call(rpc) instanceof List<?> l) {
      subs = new ArrayList<>(Math.min(l.size(), MAX_ENTRIES));
      for (Object s : l) {
        if (subs.size() >= MAX_ENTRIES) {
          cut++;
          continue;
        }
        Object topic = GET_TOPICID.call(s);
        subs.add(new Sub(topic == null ? null : Facts.id(topic.toString()),
            GET_SUBSCRIBE.callTrue(s)));
      }
    }
    if (!hasControl(rpc)) {
      return subs.isEmpty() && cut == 0 ? EMPTY : new RpcFacts(subs, List.of(), List.of(), 0, 0, 0, cut);
    }
    Object control = GET_CONTROL.call(rpc);
    List<String> grafts = new ArrayList<>(0);
    if (count(control, GET_GRAFT_COUNT) > 0 && GET_GRAFT_LIST.call(control) instanceof List<?> l) {
      for (Object g : l) {
        if (grafts.size() >= MAX_ENTRIES) {
          cut++;
          continue;
        }
        grafts.add(topic(g));
      }
    }
    List<Prune> prunes = new ArrayList<>(0);
    if (count(control, GET_PRUNE_COUNT) > 0 && GET_PRUNE_LIST.call(control) instanceof List<?> l) {
      for (Object p : l) {
        if (prunes.size() >= MAX_ENTRIES) {
          cut++;
          continue;
        }
        boolean has = HAS_BACKOFF.callTrue(p);
        Object backoff = has ? GET_BACKOFF.call(p) : null;
        prunes.add(new Prune(topic(p), backoff instanceof Long b ? b : -1));
      }
    }
    return new RpcFacts(subs, grafts, prunes,
        ids(control, GET_IHAVE_COUNT, GET_IHAVE_LIST),
        ids(control, GET_IWANT_COUNT, GET_IWANT_LIST),
        ids(control, GET_IDONTWANT_COUNT, GET_IDONTWANT_LIST),
        cut);
  }

  private static String topic(Object entry) {
    Object t = GET_TOPIC_I_D.call(entry);
    return t == null ? null : Facts.id(t.toString());
  }

  /** Sum of {@code getMessageIDsCount()} over the entries of one control list. */
  private static int ids(Object control, Getter countGetter, Getter listGetter) {
    if (count(control, countGetter) <= 0 || !(listGetter.call(control) instanceof List<?> l)) {
      return 0;
    }
    int n = 0;
    for (Object e : l) {
      n += count(e, GET_MESSAGE_I_DS_COUNT);
    }
    return n;
  }

  private static int count(Object target, Getter getter) {
    return getter.callInt(target, 0);
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
