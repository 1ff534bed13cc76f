package dev.privacyagent.agent.dispatch.gossip;

import dev.privacyagent.agent.dispatch.Fakes.PeerId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** Plain objects with jvm-libp2p's pubsub getter names: what the gossip dispatcher reads. */
public final class GossipFakes {
  private GossipFakes() {}

  public enum ValidationResult { Valid, Invalid, Ignore }

  public static final class PeerHandler {
    private final PeerId id;

    public PeerHandler(PeerId id) {
      this.id = id;
    }

    public PeerId getPeerId() {
      return id;
    }

    public StreamHandler getStreamHandler() {
      return new StreamHandler();
    }
  }

  /** {@code P2PService$StreamHandler}: the peer's stream, which tells the router's node. */
  public static final class StreamHandler {
    public Object getStream() {
      return "stream";
    }
  }

  public static final class Params {
    private final int flood;

    Params(int flood) {
      this.flood = flood;
    }

    public int getD() {
      return 8;
    }

    public int getDLow() {
      return 6;
    }

    public int getDHigh() {
      return 12;
    }

    public int getDLazy() {
      return 6;
    }

    public int getFloodPublishMaxMessageSizeThreshold() {
      return flood;
    }

    public Duration getHeartbeatInterval() {
      return Duration.ofMillis(700);
    }
  }

  public static final class Protocol {
    public String getAnnounceStr() {
      return "/meshsub/1.2.0";
    }
  }

  public static final class Broadcaster {
    public final CopyOnWriteArrayList<Object> listeners = new CopyOnWriteArrayList<>();

    public CopyOnWriteArrayList<Object> getListeners() {
      return listeners;
    }
  }

  /** jvm-libp2p's {@code SeenCache}: the value per message is its {@code Optional} validation result. */
  public interface SeenCache {
    Object getValue(Object message);
  }

  public static final class MapSeenCache implements SeenCache {
    public final Map<Object, Optional<ValidationResult>> values = new java.util.IdentityHashMap<>();

    @Override
    public Object getValue(Object message) {
      return values.get(message);
    }
  }

  public static final class Router {
    public final Broadcaster broadcaster = new Broadcaster();
    public final MapSeenCache seen = new MapSeenCache();
    public final Map<String, Set<PeerHandler>> mesh = new LinkedHashMap<>();
    public final Map<Object, Set<String>> peerTopics = new LinkedHashMap<>();
    private final Params params;

    public Router(int floodThreshold) {
      this.params = new Params(floodThreshold);
    }

    public Params getParams() {
      return params;
    }

    public Protocol getProtocol() {
      return new Protocol();
    }

    public Broadcaster getEventBroadcaster() {
      return broadcaster;
    }

    public Map<String, Set<PeerHandler>> getMesh() {
      return mesh;
    }

    /** Protected, as in jvm-libp2p's AbstractRouter. */
    protected SeenCache getSeenMessages() {
      return seen;
    }

    public CompletableFuture<Map<Object, Set<String>>> getPeerTopics() {
      return CompletableFuture.completedFuture(new LinkedHashMap<>(peerTopics));
    }

    public void mesh(String topic, PeerHandler... peers) {
      mesh.computeIfAbsent(topic, t -> new LinkedHashSet<>()).addAll(List.of(peers));
    }

    public io.libp2p.pubsub.gossip.GossipRouterEventListener listener() {
      return (io.libp2p.pubsub.gossip.GossipRouterEventListener) broadcaster.listeners.get(0);
    }
  }

  public static final class WBytes {
    private final byte[] b;

    WBytes(byte[] b) {
      this.b = b;
    }

    public byte[] getArray() {
      return b;
    }
  }

  public static final class Message {
    private final String topic;
    private final byte[] id;
    private final int size;

    public Message(String topic, int id, int size) {
      this(topic, new byte[] {0x0a, (byte) (id >> 8), (byte) id}, size);
    }

    public Message(String topic, byte[] id, int size) {
      this.topic = topic;
      this.id = id;
      this.size = size;
    }

    public WBytes getMessageId() {
      return new WBytes(id);
    }

    public List<String> getTopics() {
      return List.of(topic);
    }

    public int getSize() {
      return size;
    }
  }

  public static final class SubOpts {
    private final String topic;
    private final boolean subscribe;

    SubOpts(String topic, boolean subscribe) {
      this.topic = topic;
      this.subscribe = subscribe;
    }

    public String getTopicid() {
      return topic;
    }

    public boolean getSubscribe() {
      return subscribe;
    }
  }

  public static final class TopicEntry {
    private final String topic;
    private final int ids;
    private final Long backoff;

    TopicEntry(String topic, int ids, Long backoff) {
      this.topic = topic;
      this.ids = ids;
      this.backoff = backoff;
    }

    public String getTopicID() {
      return topic;
    }

    public int getMessageIDsCount() {
      return ids;
    }

    public boolean hasBackoff() {
      return backoff != null;
    }

    public long getBackoff() {
      return backoff == null ? 0 : backoff;
    }
  }

  public static final class Control {
    final List<TopicEntry> ihave = new ArrayList<>();
    final List<TopicEntry> iwant = new ArrayList<>();
    final List<TopicEntry> idontwant = new ArrayList<>();
    final List<TopicEntry> graft = new ArrayList<>();
    final List<TopicEntry> prune = new ArrayList<>();

    public int getIhaveCount() {
      return ihave.size();
    }

    public List<TopicEntry> getIhaveList() {
      return ihave;
    }

    public int getIwantCount() {
      return iwant.size();
    }

    public List<TopicEntry> getIwantList() {
      return iwant;
    }

    public int getIdontwantCount() {
      return idontwant.size();
    }

    public List<TopicEntry> getIdontwantList() {
      return idontwant;
    }

    public int getGraftCount() {
      return graft.size();
    }

    public List<TopicEntry> getGraftList() {
      return graft;
    }

    public int getPruneCount() {
      return prune.size();
    }

    public List<TopicEntry> getPruneList() {
      return prune;
    }
  }

  /** A builder-style RPC. */
  public static final class Rpc {
    final List<SubOpts> subs = new ArrayList<>();
    Control control;

    public Rpc sub(String topic, boolean subscribe) {
      subs.add(new SubOpts(topic, subscribe));
      return this;
    }

    private Control c() {
      if (control == null) {
        control = new Control();
      }
      return control;
    }

    public Rpc graft(String topic) {
      c().graft.add(new TopicEntry(topic, 0, null));
      return this;
    }

    public Rpc prune(String topic, Long backoff) {
      c().prune.add(new TopicEntry(topic, 0, backoff));
      return this;
    }

    public Rpc ihave(String topic, int ids) {
      c().ihave.add(new TopicEntry(topic, ids, null));
      return this;
    }

    public Rpc iwant(int ids) {
      c().iwant.add(new TopicEntry(null, ids, null));
      return this;
    }

    public Rpc idontwant(int ids) {
      c().idontwant.add(new TopicEntry(null, ids, null));
      return this;
    }

    public int getSubscriptionsCount() {
      return subs.size();
    }

    public List<SubOpts> getSubscriptionsList() {
      return subs;
    }

    public boolean hasControl() {
      return control != null;
    }

    public Control getControl() {
      return control;
    }
  }
}
