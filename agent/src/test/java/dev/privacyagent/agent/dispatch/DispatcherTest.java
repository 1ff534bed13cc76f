package dev.privacyagent.agent.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.privacyagent.agent.dispatch.Fakes.Addr;
import dev.privacyagent.agent.dispatch.Fakes.Connection;
import dev.privacyagent.agent.dispatch.Fakes.Host;
import dev.privacyagent.agent.dispatch.Fakes.Network;
import dev.privacyagent.agent.dispatch.Fakes.NoiseSession;
import dev.privacyagent.agent.dispatch.Fakes.PeerId;
import dev.privacyagent.agent.dispatch.Fakes.PingInitiator;
import dev.privacyagent.agent.dispatch.Fakes.Stream;
import dev.privacyagent.agent.dispatch.Fakes.Transport;
import dev.privacyagent.analyzer.event.ConnectionClosed;
import dev.privacyagent.analyzer.event.ConnectionOpened;
import dev.privacyagent.analyzer.event.DialFailed;
import dev.privacyagent.analyzer.event.DialStarted;
import dev.privacyagent.analyzer.event.Direction;
import dev.privacyagent.analyzer.event.Event;
import dev.privacyagent.analyzer.event.HandshakeFailed;
import dev.privacyagent.analyzer.event.HostCreated;
import dev.privacyagent.analyzer.event.IdentifyReceived;
import dev.privacyagent.analyzer.event.IdentifySent;
import dev.privacyagent.analyzer.event.ListenStarted;
import dev.privacyagent.analyzer.event.ListenStopped;
import dev.privacyagent.analyzer.event.PingRtt;
import dev.privacyagent.analyzer.event.ProtocolNegotiated;
import dev.privacyagent.analyzer.event.StreamClosed;
import dev.privacyagent.analyzer.event.StreamOpened;
import identify.pb.IdentifyOuterClass;
import java.lang.ref.WeakReference;
import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DispatcherTest {
  static final PeerId LOCAL = new PeerId("12D3KooWLocal");
  static final PeerId REMOTE = new PeerId("12D3KooWRemote");

  final List<Event> events = new CopyOnWriteArrayList<>();
  final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor();
  final Failures failures = new Failures();
  Dispatcher d = new Dispatcher(events::add, worker, failures, false);

  @AfterEach
  void stop() {
    worker.shutdownNow();
  }

  <T> List<T> of(Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }

  Connection connection(boolean initiator) {
    return new Connection(new NoiseSession(LOCAL, REMOTE), initiator, new Transport());
  }

  @Test
  void connectionIsReportedOnceAcrossNestedBroadcastsWithUpgradeIds() {
    Connection c = connection(true);
    d.upgradeStarted(true, c, "/noise", new CompletableFuture<>(), null);
    d.upgradeStarted(false, c, "/yamux/1.0.0", new CompletableFuture<>(), null);
    d.connectionHandled(c);
    d.connectionHandled(c);
    d.connectionHandled(c);
    assertThat(of(ConnectionOpened.class)).singleElement().satisfies(o -> {
      assertThat(o.node()).isEqualTo("12D3KooWLocal");
      assertThat(o.localPeerId()).isEqualTo("12D3KooWLocal");
      assertThat(o.remotePeerId()).isEqualTo("12D3KooWRemote");
      assertThat(o.remoteAddr()).isEqualTo("/ip4/10.1.2.3/tcp/5555");
      assertThat(o.localAddr()).isEqualTo("/ip4/127.0.0.1/tcp/4001");
      assertThat(o.direction()).isEqualTo(Direction.OUTBOUND);
      assertThat(o.transport()).isEqualTo("tcp");
      assertThat(o.security()).isEqualTo("/noise");
      assertThat(o.muxer()).isEqualTo("/yamux/1.0.0");
      assertThat(o.preexisting()).isFalse();
    });
    c.close.complete(null);
    c.close.complete(null);
    assertThat(of(ConnectionClosed.class)).singleElement()
        .satisfies(x -> assertThat(x.connId()).isEqualTo(of(ConnectionOpened.class).get(0).connId()));
    assertThat(failures.count()).isZero();
  }

  @Test
  void failedHandshakeFutureBecomesHandshakeFailed() {
    Connection c = new Connection(null, false, new Transport());
    CompletableFuture<Object> f = new CompletableFuture<>();
    d.upgradeStarted(true, c, "/noise", f, null);
    assertThat(of(HandshakeFailed.class)).isEmpty();
    f.completeExceptionally(new IllegalStateException("bad signature"));
    assertThat(of(HandshakeFailed.class)).singleElement().satisfies(h -> {
      assertThat(h.protocol()).isEqualTo("/noise");
      assertThat(h.direction()).isEqualTo(Direction.INBOUND);
      assertThat(h.errorClass()).isEqualTo(IllegalStateException.class.getName());
      assertThat(h.message()).isEqualTo("bad signature");
      assertThat(h.remoteAddr()).isEqualTo("/ip4/10.1.2.3/tcp/5555");
    });
  }

  @Test
  void streamLifecycle() {
    Connection c = connection(false);
    d.connectionHandled(c);
    Stream s = new Stream(c, true);
    d.streamCreated(s);
    d.streamCreated(s); // a second constructor advice (subclass) must not double count
    assertThat(of(StreamOpened.class)).singleElement().satisfies(o -> {
      assertThat(o.direction()).isEqualTo(Direction.OUTBOUND);
      assertThat(o.connId()).isEqualTo(of(ConnectionOpened.class).get(0).connId());
      assertThat(o.node()).isEqualTo("12D3KooWLocal");
    });
    s.protocol.complete("/ipfs/ping/1.0.0");
    assertThat(of(ProtocolNegotiated.class)).singleElement()
        .satisfies(p -> assertThat(p.protocolId()).isEqualTo("/ipfs/ping/1.0.0"));
    s.close.complete(null);
    assertThat(of(StreamClosed.class)).hasSize(1);
  }

  @Test
  void streamWithFailedNegotiationHasNoProtocol() {
    Connection c = connection(false);
    Stream s = new Stream(c, false);
    d.streamCreated(s);
    s.protocol.completeExceptionally(new RuntimeException("no protocol matched"));
    assertThat(of(ProtocolNegotiated.class)).isEmpty();
    assertThat(failures.count()).isZero();
  }

  @Test
  void identifyBothWaysWithBoundedAndDecodedFields() {
    Connection c = connection(true);
    d.connectionHandled(c);
    Stream s = new Stream(c, true);
    String huge = "x".repeat(10_000);
    var msg =
        new IdentifyOuterClass.Identify(
            "js-libp2p/3.3.11 " + huge,
            List.of(new IdentifyOuterClass.Bytes(new byte[] {4, 10, 0, 0, 1}),
                new IdentifyOuterClass.Bytes(new byte[] {(byte) 0xff, 0x7f, 1})),
            List.of("/ipfs/id/1.0.0", "/ipfs/ping/1.0.0"));
    d.identifyReceived(s, msg);
    d.streamWrite(s, msg);
    d.streamWrite(s, "not identify");
    IdentifyReceived r = of(IdentifyReceived.class).get(0);
    assertThat(r.remotePeerId()).isEqualTo("12D3KooWRemote");
    assertThat(r.agentVersion()).startsWith("js-libp2p/3.3.11").hasSizeLessThanOrEqualTo(256);
    assertThat(r.protocols()).containsExactly("/ipfs/id/1.0.0", "/ipfs/ping/1.0.0");
    // decoded by the agent itself; an unknown protocol code is shown as hex, never dropped
    assertThat(r.listenAddrs()).containsExactly("/ip4/10.0.0.1", "0xff7f01");
    assertThat(r.observedAddr()).isEqualTo("/ip4/127.0.0.1");
    assertThat(r.protocolVersion()).isEqualTo("ipfs/0.1.0");
    assertThat(of(IdentifySent.class)).singleElement()
        .satisfies(x -> assertThat(x.connId()).isEqualTo(r.connId()));
  }

  @Test
  void pingRttInNanosFromMillisFuture() {
    Connection c = connection(true);
    d.connectionHandled(c);
    CompletableFuture<Long> f = new CompletableFuture<>();
    d.pingStarted(new PingInitiator(new Stream(c, true)), f);
    f.complete(7L);
    CompletableFuture<Long> lost = new CompletableFuture<>();
    d.pingStarted(new PingInitiator(new Stream(c, true)), lost);
    lost.completeExceptionally(new RuntimeException("timeout"));
    assertThat(of(PingRtt.class)).singleElement().satisfies(p -> {
      assertThat(p.rttNanos()).isEqualTo(7_000_000L);
      assertThat(p.remotePeerId()).isEqualTo("12D3KooWRemote");
    });
  }

  @Test
  void hostsAreNamedAfterNodeNameOneAsNameSeveralNumbered() {
    Dispatcher named = new Dispatcher(events::add, worker, failures, false,
        dev.privacyagent.agent.dispatch.gossip.GossipSettings.DEFAULT, "val");
    named.hostCreated(new Host(LOCAL, new Network()));
    assertThat(of(HostCreated.class)).extracting(HostCreated::nodeName).containsExactly("val");
    named.hostCreated(new Host(REMOTE, new Network()));
    named.hostCreated(new Host(new PeerId("12D3KooWThird"), new Network()));
    assertThat(of(HostCreated.class)).extracting(h -> h.peerId() + "=" + h.nodeName()).containsExactly(
        "12D3KooWLocal=val", "12D3KooWLocal=val-0", "12D3KooWRemote=val-1", "12D3KooWThird=val-2");
    named.stop();
  }

  @Test
  void withoutNodeNameHostsStayUnnamed() {
    d.hostCreated(new Host(LOCAL, new Network()));
    d.hostCreated(new Host(REMOTE, new Network()));
    assertThat(of(HostCreated.class)).extracting(HostCreated::nodeName).containsOnlyNulls().hasSize(2);
  }

  @Test
  void dialFailuresThrownOrThroughTheFutureAreCountedOnce() {
    Transport t = new Transport();
    Network net = new Network();
    net.transports.add(t);
    d.hostCreated(new Host(LOCAL, net));
    assertThat(of(HostCreated.class)).singleElement().satisfies(h -> assertThat(h.peerId()).isEqualTo("12D3KooWLocal"));

    // connect -> transport.dial whose future fails (refused): one DialStarted, one DialFailed
    Addr dead = new Addr("/ip4/127.0.0.1/tcp/1");
    long token = d.connectEnter(REMOTE);
    CompletableFuture<Object> dialF = new CompletableFuture<>();
    d.dialExit(t, dead, dialF, null);
    CompletableFuture<Object> connectF = new CompletableFuture<>();
    d.connectExit(net, REMOTE, new Object[] {dead}, connectF, null, token);
    dialF.completeExceptionally(new ConnectException("Connection refused"));
    connectF.completeExceptionally(new ConnectException("Connection refused"));
    assertThat(of(DialStarted.class)).singleElement().satisfies(s -> {
      assertThat(s.node()).isEqualTo("12D3KooWLocal");
      assertThat(s.peerId()).isEqualTo("12D3KooWRemote");
      assertThat(s.addrs()).containsExactly("/ip4/127.0.0.1/tcp/1");
    });
    assertThat(of(DialFailed.class)).singleElement().satisfies(f -> {
      assertThat(f.addr()).isEqualTo("/ip4/127.0.0.1/tcp/1");
      assertThat(f.errorClass()).isEqualTo("java.net.ConnectException");
    });

    // connect that throws before any dial (peer id mismatch): reported by connect itself
    events.clear();
    long token2 = d.connectEnter(REMOTE);
    d.connectExit(net, REMOTE, new Object[] {new Addr("/ip4/1.2.3.4/tcp/9/p2p/12D3KooWOther")}, null,
        new IllegalArgumentException("PeerId mismatch"), token2);
    assertThat(of(DialStarted.class)).hasSize(1);
    assertThat(of(DialFailed.class)).singleElement()
        .satisfies(f -> assertThat(f.message()).isEqualTo("PeerId mismatch"));

    // connect served by an existing connection: nothing
    events.clear();
    long token3 = d.connectEnter(REMOTE);
    d.connectExit(net, REMOTE, new Object[0], CompletableFuture.completedFuture(new Object()), null, token3);
    assertThat(events).isEmpty();
  }

  @Test
  void listenReportsBoundAddressesAndStops() throws Exception {
    Transport t = new Transport();
    Network net = new Network();
    net.transports.add(t);
    d.hostCreated(new Host(LOCAL, net));
    CompletableFuture<Object> f = new CompletableFuture<>();
    d.listenExit(t, new Addr("/ip4/127.0.0.1/tcp/0"), f, null);
    t.listening.add(new Addr("/ip4/127.0.0.1/tcp/40123"));
    f.complete(null);
    // the bound address is read on the agent's worker (handed over without a lock)
    for (int i = 0; i < 100 && of(ListenStarted.class).isEmpty(); i++) {
      Thread.sleep(50);
    }
    assertThat(of(ListenStarted.class)).singleElement().satisfies(l -> {
      assertThat(l.localAddr()).isEqualTo("/ip4/127.0.0.1/tcp/40123");
      assertThat(l.node()).isEqualTo("12D3KooWLocal");
    });
    t.listening.clear();
    d.transportClosed(t, CompletableFuture.completedFuture(null));
    assertThat(of(ListenStopped.class)).singleElement()
        .satisfies(l -> assertThat(l.localAddr()).isEqualTo("/ip4/127.0.0.1/tcp/40123"));
  }

  @Test
  void attachFindsPreexistingConnectionsOnceThroughTheHost() throws Exception {
    d = new Dispatcher(events::add, worker, failures, true);
    Transport t = new Transport();
    t.listening.add(new Addr("/ip4/127.0.0.1/tcp/4001"));
    Network net = new Network();
    net.transports.add(t);
    Connection old1 = connection(true);
    Connection old2 = connection(false);
    net.connections.add(old1);
    net.connections.add(old2);
    Host h = new Host(LOCAL, net);
    d.discovered(h);
    d.discovered(h);
    d.discovered(net);
    // enumeration runs on the agent's worker, handed over without a lock
    for (int i = 0; i < 100 && of(ConnectionOpened.class).size() < 2; i++) {
      Thread.sleep(50);
    }
    Thread.sleep(200); // and nothing more arrives: the repeated discoveries queue nothing
    assertThat(of(ConnectionOpened.class)).hasSize(2).allSatisfy(o -> {
      assertThat(o.preexisting()).isTrue();
      assertThat(o.security()).isEqualTo("/noise"); // inferred from the session class
      assertThat(o.muxer()).isEqualTo("/yamux/1.0.0");
    });
    assertThat(of(ListenStarted.class)).hasSize(1);
    // a stream write on an old connection does not report it again; a new connection is new
    d.streamWrite(new Stream(old1, true), "payload");
    Connection fresh = connection(true);
    d.upgradeStarted(true, fresh, "/noise", new CompletableFuture<>(), null);
    d.connectionHandled(fresh);
    assertThat(of(ConnectionOpened.class)).hasSize(3);
    assertThat(of(ConnectionOpened.class).get(2).preexisting()).isFalse();
  }

  @Test
  void attachFindsConnectionsThroughTheirStreams() {
    d = new Dispatcher(events::add, worker, failures, true);
    Connection old = connection(true);
    Stream s = new Stream(old, true);
    d.streamWrite(s, "payload");
    d.streamWrite(s, "payload");
    assertThat(of(ConnectionOpened.class)).singleElement()
        .satisfies(o -> assertThat(o.preexisting()).isTrue());
  }

  @Test
  void keepsNoStrongReferenceToApplicationObjects() throws Exception {
    Connection c = connection(true);
    Stream s = new Stream(c, true);
    d.connectionHandled(c);
    d.streamCreated(s);
    WeakReference<Object> conn = new WeakReference<>(c);
    WeakReference<Object> stream = new WeakReference<>(s);
    c = null;
    s = null;
    for (int i = 0; i < 50 && (conn.get() != null || stream.get() != null); i++) {
      System.gc();
      Thread.sleep(20);
    }
    assertThat(conn.get()).isNull();
    assertThat(stream.get()).isNull();
  }

  @Test
  void gettersThatThrowAreContained() {
    Connection c = new Connection(null, true, new Transport()); // secureSession() throws
    d.connectionHandled(c);
    assertThat(of(ConnectionOpened.class)).singleElement()
        .satisfies(o -> assertThat(o.remotePeerId()).isNull());
    d.streamCreated(new Object()); // nothing it expects: still no exception
    d.pingStarted(new Object(), "not a future");
  }
}
