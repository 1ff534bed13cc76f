package dev.privacyagent.agent.dispatch.gossip;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Runs every gossip dispatch path once at start-up (see {@code WarmUp}) against stand-ins with
 * jvm-libp2p's pubsub getter names, so that no router event thread or Netty loop ever loads an
 * agent class or links a lambda (both take locks) when the first real message arrives.
 */
public final class GossipWarmUp {
  private GossipWarmUp() {}

  public static void run(GossipDispatcher d, Object localPeer, Object remotePeer) {
    try {
      runPaths(d, localPeer, remotePeer);
    } catch (Throwable t) {
      // a warm-up that fails only leaves some class loading to the first real call
    }
  }

  private static void runPaths(GossipDispatcher d, Object local, Object remote) throws Throwable {
    String topic = "/warm-up";
    Router router = new Router(new Handler(remote), topic);
    Handler peer = new Handler(remote);
    d.routerCreated(router);
    d.gossipCreated(new Object(), router);
    d.channelInit(new Object(), new Object(), "/meshsub/1.2.0");
    d.subscription(router, topic, true);
    Object state = d.inbound(router, peer, new Rpc(topic));
    DeliveryListener l = d.listenerOf(router);
    // the generated listener class, as a real router gets it (over the stand-in interface)
    if (ListenerClass.newListener(Listener.class, l) instanceof Listener generated) {
      generated.notifySeenMessage(remote, new Msg(topic), Optional.empty());
    }
    // and over a typed message, whose getters the generated class calls itself
    if (ListenerClass.newListener(TypedListener.class, l) instanceof TypedListener typed) {
      Msg first = new Msg(topic);
      typed.notifyUnseenMessage(remote, first);
      typed.notifySeenMessage(remote, first, Optional.empty());
    }
    Msg m = new Msg(topic);
    call(l, "notifyUnseenMessage", remote, m);
    call(l, "notifyUnseenValidMessage", remote, m);
    call(l, "notifyUnseenInvalidMessage", remote, new Msg(topic));
    call(l, "notifyMeshed", remote, topic);
    call(l, "notifyPruned", remote, topic);
    d.inboundDone(router, state);
    d.inboundDone(router);
    call(l, "notifySeenMessage", remote, m, Optional.empty());
    call(l, "notifyConnected", remote, null);
    call(l, "notifyDisconnected", remote);
    d.outbound(router, peer, new Rpc(topic));
    d.published(router, m, CompletableFuture.completedFuture(null), new Object[] {peer}, 1, 1);
    CompletableFuture<Object> failed = new CompletableFuture<>();
    d.publishCalled(router, m, failed);
    failed.completeExceptionally(new IllegalStateException("warm-up"));
    d.flushStats();
    d.counts();
    // the table of first copies awaiting a result and the seen-cache reader, whatever the sampling
    Unresolved waiting = new Unresolved();
    Unresolved.Report none = (st, x, v, unknown) -> { };
    waiting.add(null, new Unresolved.Delivery(m, "warm-up", MessageFacts.read(m), 0, System.nanoTime(), 0), none);
    waiting.settle(null, new SeenRouter(), System.nanoTime() + Unresolved.POLL_NANOS, none);
    waiting.take("00");
    MessageSampling.parse("sampled:2").keeps(MessageFacts.read(m).fingerprint);
  }

  private static void call(InvocationHandler l, String name, Object... args) throws Throwable {
    Method method = null;
    for (Method candidate : Listener.class.getMethods()) {
      if (candidate.getName().equals(name)) {
        method = candidate;
      }
    }
    l.invoke(null, method, args);
  }

  /** The listener's method names, to hand the handler real {@link Method}s. */
  public interface Listener {
    void notifyUnseenMessage(Object p, Object m);

    void notifyUnseenValidMessage(Object p, Object m);

    void notifyUnseenInvalidMessage(Object p, Object m);

    void notifySeenMessage(Object p, Object m, Object v);

    void notifyMeshed(Object p, Object t);

    void notifyPruned(Object p, Object t);

    void notifyConnected(Object p, Object a);

    void notifyDisconnected(Object p);
  }

  /** The two callbacks whose message the generated class reads, over a typed message. */
  public interface TypedListener {
    void notifyUnseenMessage(Object p, Msg m);

    void notifySeenMessage(Object p, Msg m, Object v);
  }

  public static final class Handler {
    private final Object peerId;

    Handler(Object peerId) {
      this.peerId = peerId;
    }

    public Object getPeerId() {
      return peerId;
    }

    public Object getStream() {
      return null;
    }
  }

  /** A router whose seen cache says Ignore, behind a protected getter as in jvm-libp2p. */
  public static final class SeenRouter {
    protected Seen getSeenMessages() {
      return message -> Optional.of(Result.Ignore);
    }
  }

  public interface Seen {
    Object getValue(Object message);
  }

  enum Result { Ignore }

  public static final class Params {
    public int getD() {
      return 6;
    }

    public int getFloodPublishMaxMessageSizeThreshold() {
      return 0;
    }

    public java.time.Duration getHeartbeatInterval() {
      return java.time.Duration.ofSeconds(1);
    }
  }

  /** No {@code getEventBroadcaster}: the warm-up registers no listener. */
  public static final class Router {
    private final Map<String, Set<Handler>> mesh;

    Router(Handler peer, String topic) {
      this.mesh = Map.of(topic, Set.of(peer));
    }

    public Params getParams() {
      return new Params();
    }

    public Map<String, Set<Handler>> getMesh() {
      return mesh;
    }
  }

  public static final class Bytes {
    public byte[] getArray() {
      return new byte[] {1, 2, 3};
    }
  }

  public static final class Msg {
    private final String topic;

    Msg(String topic) {
      this.topic = topic;
    }

    public Bytes getMessageId() {
      return new Bytes();
    }

    public List<String> getTopics() {
      return List.of(topic);
    }

    public int getSize() {
      return 3;
    }
  }

  public static final class Entry {
    private final String topic;

    Entry(String topic) {
      this.topic = topic;
    }

    public String getTopicID() {
      return topic;
    }

    public int getMessageIDsCount() {
      return 1;
    }

    public boolean hasBackoff() {
      return true;
    }

    public long getBackoff() {
      return 60;
    }

    public String getTopicid() {
      return topic;
    }

    public boolean getSubscribe() {
      return true;
    }
  }

  public static final class Control {
    private final List<Entry> entries;

    Control(String topic) {
      this.entries = List.of(new Entry(topic));
    }

    public int getIhaveCount() {
      return 1;
    }

    public List<Entry> getIhaveList() {
      return entries;
    }

    public int getIwantCount() {
      return 1;
    }

    public List<Entry> getIwantList() {
      return entries;
    }

    public int getIdontwantCount() {
      return 1;
    }

    public List<Entry> getIdontwantList() {
      return entries;
    }

    public int getGraftCount() {
      return 1;
    }

    public List<Entry> getGraftList() {
      return entries;
    }

    public int getPruneCount() {
      return 1;
    }

    public List<Entry> getPruneList() {
      return entries;
    }
  }

  public static final class Rpc {
    private final List<Entry> subs;
    private final Control control;

    Rpc(String topic) {
      this.subs = List.of(new Entry(topic));
      this.control = new Control(topic);
    }

    public int getSubscriptionsCount() {
      return 1;
    }

    public List<Entry> getSubscriptionsList() {
      return subs;
    }

    public boolean hasControl() {
      return true;
    }

    public Control getControl() {
      return control;
    }
  }
}
