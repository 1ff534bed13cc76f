package dev.privacyagent.agent.dispatch.gossip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.privacyagent.agent.dispatch.Clock;
import dev.privacyagent.agent.dispatch.Fakes.PeerId;
import dev.privacyagent.agent.dispatch.Failures;
import dev.privacyagent.agent.dispatch.gossip.GossipFakes.Message;
import dev.privacyagent.agent.dispatch.gossip.GossipFakes.PeerHandler;
import dev.privacyagent.agent.dispatch.gossip.GossipFakes.Router;
import dev.privacyagent.agent.dispatch.gossip.GossipFakes.Rpc;
import dev.privacyagent.agent.dispatch.gossip.GossipFakes.ValidationResult;
import dev.privacyagent.analyzer.collect.EventSink;
import dev.privacyagent.analyzer.event.Direction;
import dev.privacyagent.analyzer.event.Event;
import dev.privacyagent.analyzer.event.GossipInitiator;
import dev.privacyagent.analyzer.event.GossipLocalSubscription;
import dev.privacyagent.analyzer.event.GossipMeshChange;
import dev.privacyagent.analyzer.event.GossipMessageReceived;
import dev.privacyagent.analyzer.event.GossipPeerProtocol;
import dev.privacyagent.analyzer.event.GossipPeerStats;
import dev.privacyagent.analyzer.event.GossipPeerStatus;
import dev.privacyagent.analyzer.event.GossipPeerSubscription;
import dev.privacyagent.analyzer.event.GossipPublish;
import dev.privacyagent.analyzer.event.GossipPublishMode;
import dev.privacyagent.analyzer.event.GossipRouterCreated;
import dev.privacyagent.analyzer.event.GossipTopicStats;
import dev.privacyagent.analyzer.event.GossipValidation;
import io.libp2p.pubsub.gossip.GossipRouterEventListener;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class GossipDispatcherTest {
  static final String NODE = "12D3KooWLocal";
  static final String T = "/eth2/00000000/beacon_attestation_3/ssz_snappy";
  final PeerId alice = new PeerId("12D3KooWAlice");
  final PeerId bob = new PeerId("12D3KooWBob");
  final PeerHandler aliceH = new PeerHandler(alice);
  final PeerHandler bobH = new PeerHandler(bob);

  final List<Event> events = new CopyOnWriteArrayList<>();
  final Failures failures = new Failures();

  GossipDispatcher dispatcher(boolean attached, MessageSampling sampling, EventSink sink) {
    return new GossipDispatcher(new GossipEvents(new Clock(), sink), Runnable::run, failures, attached,
        sampling, stream -> null, () -> NODE);
  }

  GossipDispatcher dispatcher(MessageSampling sampling) {
    return dispatcher(false, sampling, events::add);
  }

  <T> List<T> of(Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }

  /** A duplicate whose topic list must not be read: the first copy's topic and size stand for it. */
  static final class UnreadTopics {
    private final byte[] id;
    int topicReads;

    UnreadTopics(byte[] id) {
      this.id = id;
    }

    public GossipFakes.WBytes getMessageId() {
      return new GossipFakes.WBytes(id);
    }

    public List<String> getTopics() {
      topicReads++;
      return List.of("/read-it-anyway");
    }

    public int getSize() {
      return 7;
    }
  }

  @Test
  void aDuplicateOfARememberedCopyIsCountedOnItsTopicWithoutReadingIt() {
    GossipDispatcher d = dispatcher(MessageSampling.parse("off"));
    Router r = new Router(0);
    d.routerCreated(r);
    GossipRouterEventListener l = r.listener();
    l.notifyUnseenMessage(alice, new Message(T, new byte[] {9, 9, 1}, 100));
    UnreadTopics dup = new UnreadTopics(new byte[] {9, 9, 1});
    l.notifySeenMessage(bob, dup, Optional.empty());
    assertThat(dup.topicReads).as("the first copy's topic stands for the duplicate's").isZero();
    // a duplicate of a message never seen first (or evicted) is read in full
    UnreadTopics stranger = new UnreadTopics(new byte[] {9, 9, 2});
    l.notifySeenMessage(bob, stranger, Optional.empty());
    assertThat(stranger.topicReads).isEqualTo(1);
    d.flushStats();
    assertThat(of(GossipTopicStats.class)).extracting(GossipTopicStats::topic, GossipTopicStats::duplicates,
            GossipTopicStats::bytesReceived)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(T, 1L, 200L),
            org.assertj.core.groups.Tuple.tuple("/read-it-anyway", 1L, 7L));
    assertThat(failures.count()).isZero();
  }

  @Test
  void aNewRouterGetsTheListenerAndIsAnnouncedWithItsParameters() {
    GossipDispatcher d = dispatcher(MessageSampling.DEFAULT);
    Router r = new Router(0);
    d.routerCreated(r);
    d.routerCreated(r); // a delegating constructor: still one listener
    assertThat(r.broadcaster.listeners).hasSize(1);
    // the generated listener class, not the slower proxy
    assertThat(java.lang.reflect.Proxy.isProxyClass(r.broadcaster.listeners.get(0).getClass())).isFalse();
    d.subscription(r, T, true);
    assertThat(of(GossipRouterCreated.class)).singleElement().satisfies(c -> {
      assertThat(c.node()).isEqualTo(NODE);
      assertThat(c.protocolId()).isEqualTo("/meshsub/1.2.0");
      assertThat(c.d()).isEqualTo(8);
      assertThat(c.dLow()).isEqualTo(6);
      assertThat(c.heartbeatMillis()).isEqualTo(700);
      assertThat(c.floodPublishMaxMessageSize()).isZero();
      assertThat(c.preexisting()).isFalse();
    });
    assertThat(of(GossipLocalSubscription.class)).singleElement().satisfies(s -> {
      assertThat(s.topic()).isEqualTo(T);
      assertThat(s.subscribed()).isTrue();
      assertThat(s.preexisting()).isFalse();
    });
    d.subscription(r, T, false);
    assertThat(of(GossipLocalSubscription.class)).last().satisfies(s -> assertThat(s.subscribed()).isFalse());
    assertThat(failures.count()).isZero();
  }

  @Test
  void peerSubscriptionsAndWhoInitiatedMeshChanges() {
    GossipDispatcher d = dispatcher(MessageSampling.DEFAULT);
    Router r = new Router(0);
    d.routerCreated(r);
    GossipRouterEventListener l = r.listener();

    // the state the enter returns reaches the exit, as the advice hands it over
    Object state = d.inbound(r, aliceH, new Rpc().sub(T, true).sub("/other", true).graft(T));
    assertThat(state).isNotNull();
    l.notifyMeshed(alice, T); // accepting alice's GRAFT
    d.inboundDone(r, state);
    Object messagesOnly = d.inbound(r, bobH, new Rpc());
    l.notifyMeshed(bob, T); // our heartbeat, while bob's RPC without control is applied
    d.inboundDone(r, messagesOnly);
    d.inbound(r, bobH, new Rpc().prune(T, 60L));
    l.notifyPruned(bob, T);
    d.inboundDone(r);
    l.notifyPruned(alice, T); // our unsubscribe
    d.inbound(r, bobH, new Rpc().sub(T, false));
    d.inboundDone(r);

    assertThat(of(GossipPeerSubscription.class))
        .extracting(GossipPeerSubscription::peerId, GossipPeerSubscription::topic, GossipPeerSubscription::subscribed)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("12D3KooWAlice", T, true),
            org.assertj.core.groups.Tuple.tuple("12D3KooWAlice", "/other", true),
            org.assertj.core.groups.Tuple.tuple("12D3KooWBob", T, false));
    assertThat(of(GossipMeshChange.class))
        .extracting(GossipMeshChange::peerId, GossipMeshChange::added, GossipMeshChange::initiator,
            GossipMeshChange::backoffSeconds)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("12D3KooWAlice", true, GossipInitiator.REMOTE, null),
            org.assertj.core.groups.Tuple.tuple("12D3KooWBob", true, GossipInitiator.LOCAL, null),
            org.assertj.core.groups.Tuple.tuple("12D3KooWBob", false, GossipInitiator.REMOTE, 60L),
            org.assertj.core.groups.Tuple.tuple("12D3KooWAlice", false, GossipInitiator.LOCAL, null));
  }

  @Test
  void ownPublishCountsItsRecipientsAndTheIdontwantBeforeIt() {
    GossipDispatcher d = dispatcher(MessageSampling.DEFAULT);
    Router r = new Router(0);
    d.routerCreated(r);
    // the subscription and the mesh as the agent follows them (the router's map is not read)
    d.subscription(r, T, true);
    r.listener().notifyMeshed(alice, T);
    r.listener().notifyMeshed(bob, T);
    d.inbound(r, aliceH, new Rpc().sub(T, true));
    d.inboundDone(r);
    Message m = new Message(T, 7, 20_000);
    assertThat(d.outbound(r, aliceH, new Rpc().idontwant(1))).isTrue();
    assertThat(d.outbound(r, aliceH, new Rpc().ihave(T, 3))).isFalse();
    d.published(r, m, CompletableFuture.completedFuture(null), new Object[] {aliceH, bobH}, 2, 1);
    assertThat(of(GossipPublish.class)).singleElement().satisfies(p -> {
      assertThat(p.topic()).isEqualTo(T);
      assertThat(p.messageId()).isEqualTo("0a0007");
      assertThat(p.size()).isEqualTo(20_000);
      assertThat(p.recipients()).isEqualTo(2);
      assertThat(p.recipientPeers()).containsExactly("12D3KooWAlice", "12D3KooWBob");
      assertThat(p.mode()).isEqualTo(GossipPublishMode.MESH);
      assertThat(p.idontwantBefore()).isEqualTo(1);
      assertThat(p.meshPeers()).isEqualTo(2);
      assertThat(p.topicPeers()).isEqualTo(1);
      assertThat(p.errorClass()).isNull();
    });
    // not subscribed: fanout; without peers the router's future has failed already
    d.published(r, new Message("/t2", 8, 10),
        CompletableFuture.failedFuture(new NoPeersForOutboundMessageException()), new Object[0], 0, 0);
    assertThat(of(GossipPublish.class)).last().satisfies(p -> {
      assertThat(p.mode()).isEqualTo(GossipPublishMode.FANOUT);
      assertThat(p.recipients()).isZero();
      assertThat(p.errorClass()).isEqualTo("NoPeersForOutboundMessageException");
    });
    // a duplicate never reaches broadcastOutbound: the public call's failed future reports it
    CompletableFuture<Object> dup = new CompletableFuture<>();
    d.publishCalled(r, m, dup);
    dup.completeExceptionally(new MessageAlreadySeenException());
    assertThat(of(GossipPublish.class)).hasSize(3).last().satisfies(p -> {
      assertThat(p.errorClass()).isEqualTo("MessageAlreadySeenException");
      assertThat(p.topic()).isEqualTo(T);
    });
    // a NoPeers failure of the public call was already reported by broadcastOutbound
    d.publishCalled(r, m, CompletableFuture.failedFuture(new NoPeersForOutboundMessageException()));
    assertThat(of(GossipPublish.class)).hasSize(3);
    // after our unsubscribe (the router prunes the mesh): a fanout publish, no mesh
    d.subscription(r, T, false);
    r.listener().notifyPruned(alice, T);
    d.published(r, new Message(T, 9, 20_000), CompletableFuture.completedFuture(null), new Object[] {bobH}, 1, 0);
    assertThat(of(GossipPublish.class)).hasSize(4).last().satisfies(p -> {
      assertThat(p.mode()).isEqualTo(GossipPublishMode.FANOUT);
      assertThat(p.meshPeers()).isZero();
    });
    // flood: the router floods messages up to its threshold
    Router flood = new Router(Integer.MAX_VALUE);
    d.routerCreated(flood);
    d.published(flood, m, null, new Object[0], 0, 0);
    assertThat(of(GossipPublish.class)).last().satisfies(p -> assertThat(p.mode()).isEqualTo(GossipPublishMode.FLOOD));
  }

  @Test
  void deliveriesAreCountedInTheStatsAndReportedPerMessageWhenKept() {
    GossipDispatcher d = dispatcher(MessageSampling.parse("all"));
    Router r = new Router(0);
    d.routerCreated(r);
    GossipRouterEventListener l = r.listener();
    Message m = new Message(T, 1, 100);
    d.inbound(r, aliceH, new Rpc());
    l.notifyUnseenMessage(alice, m);
    l.notifyUnseenValidMessage(alice, m);
    d.inboundDone(r);
    d.inbound(r, bobH, new Rpc().ihave(T, 5));
    l.notifySeenMessage(bob, m, Optional.of(ValidationResult.Valid));
    d.inboundDone(r);
    Message bad = new Message(T, 2, 50);
    d.inbound(r, bobH, new Rpc());
    l.notifyUnseenMessage(bob, bad);
    l.notifyUnseenInvalidMessage(bob, bad);
    d.inboundDone(r);
    Message async = new Message(T, 3, 50);
    d.inbound(r, bobH, new Rpc());
    l.notifyUnseenMessage(bob, async);
    r.seen.values.put(async, Optional.empty());
    d.inboundDone(r);
    assertThat(of(GossipMessageReceived.class)).as("the result is not known yet").hasSize(3);
    l.notifyUnseenValidMessage(bob, async); // asynchronous validation completes on the event thread

    List<GossipMessageReceived> rx = of(GossipMessageReceived.class);
    assertThat(rx).extracting(GossipMessageReceived::peerId, GossipMessageReceived::first,
            GossipMessageReceived::validation)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("12D3KooWAlice", true, GossipValidation.VALID),
            org.assertj.core.groups.Tuple.tuple("12D3KooWBob", false, GossipValidation.VALID),
            org.assertj.core.groups.Tuple.tuple("12D3KooWBob", true, GossipValidation.INVALID),
            org.assertj.core.groups.Tuple.tuple("12D3KooWBob", true, GossipValidation.VALID));
    assertThat(rx.get(0).duplicateDelayNanos()).isNull();
    assertThat(rx.get(1).duplicateDelayNanos()).isNotNull().isGreaterThanOrEqualTo(0L);
    assertThat(rx.get(0).messageId()).isEqualTo("0a0001");

    d.flushStats();
    assertThat(of(GossipTopicStats.class)).singleElement().satisfies(s -> {
      assertThat(s.topic()).isEqualTo(T);
      assertThat(s.received()).isEqualTo(4);
      assertThat(s.firstDeliveries()).isEqualTo(3);
      assertThat(s.duplicates()).isEqualTo(1);
      assertThat(s.invalid()).isEqualTo(1);
      assertThat(s.relayed()).isEqualTo(2);
      assertThat(s.bytesReceived()).isEqualTo(300);
      assertThat(s.messageEventsSkipped()).isZero();
    });
    assertThat(of(GossipPeerStats.class)).extracting(GossipPeerStats::peerId, GossipPeerStats::firstDeliveries,
            GossipPeerStats::duplicates, GossipPeerStats::ihaveIn)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("12D3KooWAlice", 1L, 0L, 0L),
            org.assertj.core.groups.Tuple.tuple("12D3KooWBob", 2L, 1L, 5L));
    // deltas: nothing new, nothing written
    int before = events.size();
    d.flushStats();
    assertThat(events).hasSize(before);
  }

  /**
   * Ignore has no listener callback: the result comes from the router's seen cache, whether the
   * application answered at once or later; an asynchronous Invalid comes as its callback; copies of
   * one RPC are matched by id, whatever order their results take.
   */
  @Test
  void ignoreAndAsynchronousResultsAreReportedAsTheyAreNotAsPending() throws Exception {
    GossipDispatcher d = dispatcher(MessageSampling.parse("all"));
    Router r = new Router(0);
    d.routerCreated(r);
    GossipRouterEventListener l = r.listener();
    Message ignoredNow = new Message(T, 1, 10);
    Message validLater = new Message(T, 2, 10);
    Message invalidLater = new Message(T, 3, 10);
    Message ignoredLater = new Message(T, 4, 10);
    d.inbound(r, aliceH, new Rpc());
    for (Message m : List.of(ignoredNow, validLater, invalidLater, ignoredLater)) {
      l.notifyUnseenMessage(alice, m); // jvm-libp2p reports every copy of an RPC before validating any
      r.seen.values.put(m, Optional.empty());
    }
    r.seen.values.put(ignoredNow, Optional.of(ValidationResult.Ignore));
    d.inboundDone(r);
    assertThat(of(GossipMessageReceived.class)).extracting(GossipMessageReceived::messageId,
            GossipMessageReceived::validation)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("0a0001", GossipValidation.IGNORE));

    l.notifyUnseenInvalidMessage(alice, invalidLater);
    l.notifyUnseenValidMessage(alice, validLater);
    r.seen.values.put(ignoredLater, Optional.of(ValidationResult.Ignore));
    Thread.sleep(Unresolved.POLL_NANOS / 1_000_000 + 20); // the waiting ones are read again at most this often
    d.inbound(r, bobH, new Rpc());
    d.inboundDone(r);
    assertThat(of(GossipMessageReceived.class)).extracting(GossipMessageReceived::messageId,
            GossipMessageReceived::validation)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("0a0001", GossipValidation.IGNORE),
            org.assertj.core.groups.Tuple.tuple("0a0003", GossipValidation.INVALID),
            org.assertj.core.groups.Tuple.tuple("0a0002", GossipValidation.VALID),
            org.assertj.core.groups.Tuple.tuple("0a0004", GossipValidation.IGNORE));
    assertThat(of(GossipMessageReceived.class)).allSatisfy(e -> assertThat(e.peerId()).isEqualTo("12D3KooWAlice"));
    assertThat(d.counts().validationUnknown()).isZero();
    d.flushStats();
    assertThat(of(GossipTopicStats.class)).singleElement().satisfies(s -> {
      assertThat(s.firstDeliveries()).isEqualTo(4);
      assertThat(s.invalid()).isEqualTo(1);
      assertThat(s.relayed()).isEqualTo(1);
    });
  }

  /** A result that never comes, and a full table: PENDING, counted; nothing else is lost. */
  @Test
  void aResultThatNeverComesIsReportedPendingAndCounted() {
    GossipDispatcher d = dispatcher(MessageSampling.parse("all"));
    Router r = new Router(0);
    d.routerCreated(r);
    GossipRouterEventListener l = r.listener();
    d.inbound(r, aliceH, new Rpc());
    // held here as the router's seen cache holds them: the agent keeps them only weakly, and a
    // collected message is settled as PENDING at once (a GC in the loop made this test flaky)
    List<Message> alive = new java.util.ArrayList<>();
    for (int i = 0; i <= Unresolved.CAPACITY; i++) {
      Message m = new Message(T, i, 10);
      alive.add(m);
      l.notifyUnseenMessage(alice, m);
    }
    d.inboundDone(r);
    assertThat(of(GossipMessageReceived.class)).as("the oldest makes room").singleElement().satisfies(e -> {
      assertThat(e.messageId()).isEqualTo("0a0000");
      assertThat(e.validation()).isEqualTo(GossipValidation.PENDING);
    });
    assertThat(d.counts().validationUnknown()).isEqualTo(1);
    assertThat(alive).hasSize(Unresolved.CAPACITY + 1);

    Unresolved u = new Unresolved();
    List<GossipValidation> out = new java.util.ArrayList<>();
    Message kept = new Message(T, 7, 10);
    long born = System.nanoTime();
    u.add(null, new Unresolved.Delivery(kept, "p", MessageFacts.read(kept), 1, born, 0), (st, x, v, unknown) -> out.add(v));
    u.settle(null, r, born + Unresolved.POLL_NANOS, (st, x, v, unknown) -> out.add(v));
    assertThat(out).as("still within the time it may take").isEmpty();
    u.settle(null, r, born + Unresolved.TIMEOUT_NANOS + 1, (st, x, v, unknown) -> out.add(v));
    assertThat(out).containsExactly(GossipValidation.PENDING);
    assertThat(u.isEmpty()).isTrue();
  }

  @Test
  void withSamplingOffEveryDeliveryIsStillCountedAndTheSkipsAreShown() {
    GossipDispatcher d = dispatcher(MessageSampling.parse("off"));
    Router r = new Router(0);
    d.routerCreated(r);
    GossipRouterEventListener l = r.listener();
    for (int i = 0; i < 10; i++) {
      Message m = new Message(T, i, 10);
      d.inbound(r, aliceH, new Rpc());
      l.notifyUnseenMessage(alice, m);
      l.notifyUnseenValidMessage(alice, m);
      d.inboundDone(r);
      l.notifySeenMessage(bob, m, Optional.empty());
    }
    assertThat(of(GossipMessageReceived.class)).isEmpty();
    assertThat(d.counts().skipped()).isEqualTo(20);
    assertThat(d.counts().sampled()).isZero();
    d.flushStats();
    assertThat(of(GossipTopicStats.class)).singleElement().satisfies(s -> {
      assertThat(s.received()).isEqualTo(20);
      assertThat(s.messageEventsSkipped()).isEqualTo(20);
    });
  }

  @Test
  void sampledModeKeepsTheSameMessagesOnEveryNodeAndBothCopiesOfEach() {
    MessageSampling s = MessageSampling.parse("sampled:8");
    GossipDispatcher d = dispatcher(s);
    Router r = new Router(0);
    d.routerCreated(r);
    GossipRouterEventListener l = r.listener();
    int kept = 0;
    for (int i = 0; i < 800; i++) {
      Message m = new Message(T, i, 10);
      d.inbound(r, aliceH, new Rpc());
      l.notifyUnseenMessage(alice, m);
      l.notifyUnseenValidMessage(alice, m);
      d.inboundDone(r);
      l.notifySeenMessage(bob, m, Optional.empty());
      if (s.keeps(MessageFacts.fingerprint(MessageFacts.idBytes(m)))) {
        kept++;
      }
    }
    assertThat(kept).isBetween(50, 150);
    assertThat(of(GossipMessageReceived.class)).hasSize(2 * kept);
    assertThat(d.counts().sampled() + d.counts().skipped()).isEqualTo(1600);
  }

  @Test
  void afterAttachARoutersStatsWaitForItsNodeAFewIntervalsAndLoseNothing() {
    String[] node = {null};
    GossipDispatcher d = new GossipDispatcher(new GossipEvents(new Clock(), events::add), Runnable::run,
        failures, true, MessageSampling.parse("off"), stream -> node[0], () -> null);
    Router r = new Router(0);
    d.inbound(r, aliceH, new Rpc());
    d.inboundDone(r);
    GossipRouterEventListener l = r.listener();
    l.notifyUnseenMessage(alice, new Message(T, 1, 10));
    d.flushStats();
    d.flushStats();
    assertThat(of(GossipTopicStats.class)).as("no stats under an unknown node").isEmpty();
    node[0] = NODE;
    l.notifyUnseenMessage(alice, new Message(T, 2, 10));
    d.inbound(r, aliceH, new Rpc()); // the peer's stream now names the node
    d.inboundDone(r);
    d.flushStats();
    assertThat(of(GossipTopicStats.class)).singleElement().satisfies(s -> {
      assertThat(s.node()).isEqualTo(NODE);
      assertThat(s.firstDeliveries()).as("both intervals' deliveries").isEqualTo(2);
    });

    // a node that never shows: after the allowed wait the counts go out as "unknown"
    events.clear();
    node[0] = null;
    Router lone = new Router(0);
    d.inbound(lone, bobH, new Rpc());
    lone.listener().notifyUnseenMessage(bob, new Message(T, 3, 10));
    for (int i = 0; i < GossipDispatcher.MAX_DEFERRED_FLUSHES; i++) {
      d.flushStats();
    }
    assertThat(of(GossipTopicStats.class)).isEmpty();
    d.flushStats();
    assertThat(of(GossipTopicStats.class)).singleElement().satisfies(s -> {
      assertThat(s.node()).isEqualTo(GossipDispatcher.UNKNOWN_NODE);
      assertThat(s.firstDeliveries()).isEqualTo(1);
    });
  }

  @Test
  void afterAttachALiveRouterReportsItsStateOnceAsPreexisting() {
    // after an attach only a peer's stream names the node (no sole-host guess)
    GossipDispatcher d = new GossipDispatcher(new GossipEvents(new Clock(), events::add), Runnable::run,
        failures, true, MessageSampling.DEFAULT, stream -> "stream".equals(stream) ? NODE : null, () -> null);
    Router r = new Router(0);
    r.mesh(T, aliceH, bobH);
    r.mesh("/empty");
    r.peerTopics.put(alice, java.util.Set.of(T));
    d.inbound(r, aliceH, new Rpc());
    d.inboundDone(r);
    d.outbound(r, bobH, new Rpc());
    assertThat(r.broadcaster.listeners).hasSize(1);
    assertThat(of(GossipRouterCreated.class)).singleElement()
        .satisfies(c -> assertThat(c.preexisting()).isTrue());
    assertThat(events).allSatisfy(e -> assertThat(e.node()).isEqualTo(NODE));
    assertThat(of(GossipLocalSubscription.class)).extracting(GossipLocalSubscription::topic)
        .containsExactly(T, "/empty");
    assertThat(of(GossipLocalSubscription.class)).allSatisfy(s -> assertThat(s.preexisting()).isTrue());
    assertThat(of(GossipMeshChange.class)).extracting(GossipMeshChange::peerId).containsExactly(
        "12D3KooWAlice", "12D3KooWBob");
    assertThat(of(GossipMeshChange.class)).allSatisfy(m -> {
      assertThat(m.preexisting()).isTrue();
      assertThat(m.initiator()).isEqualTo(GossipInitiator.UNKNOWN);
    });
    assertThat(of(GossipPeerSubscription.class)).singleElement().satisfies(p -> {
      assertThat(p.peerId()).isEqualTo("12D3KooWAlice");
      assertThat(p.preexisting()).isTrue();
    });
    // a publish after the attach: subscribed and meshed as the snapshot found the router
    d.published(r, new Message(T, 5, 10), CompletableFuture.completedFuture(null), new Object[] {aliceH}, 1, 0);
    assertThat(of(GossipPublish.class)).singleElement().satisfies(p -> {
      assertThat(p.mode()).isEqualTo(GossipPublishMode.MESH);
      assertThat(p.meshPeers()).isEqualTo(2);
    });
    // a router that is not a gossip router (FloodRouter) is left alone
    assertThat(d.inbound(new Object(), aliceH, new Rpc())).isNull();
    assertThat(failures.count()).isZero();
  }

  @Test
  void eventsFromBeforeTheNodeIsKnownWaitForItsFirstGossipStream() {
    GossipDispatcher d = new GossipDispatcher(new GossipEvents(new Clock(), events::add), Runnable::run,
        failures, false, MessageSampling.DEFAULT, stream -> stream instanceof Channel ? NODE : null, () -> null);
    Router r = new Router(0);
    d.routerCreated(r);
    Object gossip = new Object();
    d.gossipCreated(gossip, r);
    d.subscription(r, T, true);
    d.published(r, new Message(T, 1, 1), null, new Object[0], 0, 0);
    assertThat(events).isEmpty();
    d.channelInit(gossip, new Channel(), "/meshsub/1.2.0");
    assertThat(events).extracting(Event::type).containsExactly(
        "GossipRouterCreated", "GossipLocalSubscription", "GossipPublish", "GossipPeerProtocol");
    assertThat(events).allSatisfy(e -> assertThat(e.node()).isEqualTo(NODE));
    // the original order stays in the sequence numbers
    assertThat(of(GossipLocalSubscription.class).get(0).seq()).isLessThan(of(GossipPublish.class).get(0).seq());
  }

  @Test
  void peerStatusAndProtocol() {
    GossipDispatcher d = dispatcher(MessageSampling.DEFAULT);
    Router r = new Router(0);
    d.routerCreated(r);
    d.inbound(r, aliceH, new Rpc().sub(T, true));
    d.inboundDone(r);
    r.listener().notifyConnected(alice, null);
    r.listener().notifyDisconnected(alice);
    assertThat(of(GossipPeerStatus.class)).extracting(GossipPeerStatus::active).containsExactly(true, false);
    r.mesh(T);
    d.published(r, new Message(T, 9, 1), null, new Object[0], 0, 0);
    assertThat(of(GossipPublish.class)).singleElement()
        .satisfies(p -> assertThat(p.topicPeers()).as("alice left with her topics").isZero());
    Object gossip = new Object();
    d.gossipCreated(gossip, r);
    d.channelInit(gossip, new Channel(), "/meshsub/1.2.0");
    assertThat(of(GossipPeerProtocol.class)).singleElement().satisfies(p -> {
      assertThat(p.protocolId()).isEqualTo("/meshsub/1.2.0");
      assertThat(p.peerId()).isEqualTo("12D3KooWAlice");
      assertThat(p.direction()).isEqualTo(Direction.OUTBOUND);
    });
  }

  @Test
  void aThrowingDownstreamNeverReachesTheRouterAndIsCounted() {
    GossipDispatcher d = dispatcher(false, MessageSampling.parse("all"), e -> {
      throw new IllegalStateException("boom");
    });
    Router r = new Router(0);
    assertThatCode(() -> {
      d.routerCreated(r);
      GossipRouterEventListener l = r.listener();
      d.subscription(r, T, true);
      d.inbound(r, aliceH, new Rpc().sub(T, true).graft(T));
      Message m = new Message(T, 1, 1);
      l.notifyUnseenMessage(alice, m);
      l.notifyUnseenValidMessage(alice, m);
      l.notifyMeshed(alice, T);
      l.notifySeenMessage(bob, m, Optional.empty());
      l.notifyConnected(alice, null);
      d.inboundDone(r);
      d.published(r, m, null, new Object[0], 0, 0);
      d.flushStats();
    }).doesNotThrowAnyException();
    assertThat(failures.count()).isGreaterThanOrEqualTo(8);
  }

  /** A stream stand-in for initChannel. */
  public static final class Channel {
    public PeerId remotePeerId() {
      return new PeerId("12D3KooWAlice");
    }

    public boolean isInitiator() {
      return true;
    }
  }

  static final class NoPeersForOutboundMessageException extends RuntimeException {}

  static final class MessageAlreadySeenException extends RuntimeException {}
}
