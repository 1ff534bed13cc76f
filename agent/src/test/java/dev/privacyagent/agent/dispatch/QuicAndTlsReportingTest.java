package dev.privacyagent.agent.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.privacyagent.agent.dispatch.Fakes.Addr;
import dev.privacyagent.agent.dispatch.Fakes.PeerId;
import dev.privacyagent.analyzer.event.ConnectionOpened;
import dev.privacyagent.analyzer.event.Direction;
import dev.privacyagent.analyzer.event.Event;
import dev.privacyagent.analyzer.event.HandshakeFailed;
import java.security.cert.CertificateException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the dispatcher reports for jvm-libp2p's TLS over TCP and its QUIC transport, on stand-ins
 * shaped as jvm-libp2p 1.3 builds them: a QUIC connection carries a plain {@code
 * SecureChannel.Session} (no "tls" in its class name, no early muxer) and a native muxer session,
 * and never passes the security or muxer upgrade.
 */
class QuicAndTlsReportingTest {
  static final PeerId LOCAL = new PeerId("12D3KooWLocal");
  static final PeerId REMOTE = new PeerId("12D3KooWRemote");

  final List<Event> events = new CopyOnWriteArrayList<>();
  final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor();
  final Failures failures = new Failures();
  final Dispatcher d = new Dispatcher(events::add, worker, failures, false);

  @AfterEach
  void stop() {
    d.stop();
    worker.shutdownNow();
  }

  ConnectionOpened opened() {
    return events.stream().filter(ConnectionOpened.class::isInstance).map(ConnectionOpened.class::cast)
        .reduce((a, b) -> b).orElseThrow();
  }

  @Test
  void quicV1ReportsItsTransportTheTlsInsideAndNoMuxer() {
    QuicTransport quic = new QuicTransport();
    d.transportCreated(quic, "/tls/1.0.0");
    d.connectionHandled(new QuicConnection(quic, true, "/ip6/::/udp/40123/quic-v1",
        "/ip4/127.0.0.1/udp/4001/quic-v1"));
    assertThat(opened()).satisfies(o -> {
      assertThat(o.transport()).isEqualTo("quic-v1");
      assertThat(o.security()).isEqualTo("/tls/1.0.0");
      assertThat(o.muxer()).isNull();
      assertThat(o.direction()).isEqualTo(Direction.OUTBOUND);
      assertThat(o.localAddr()).isEqualTo("/ip6/::/udp/40123/quic-v1");
      assertThat(o.remotePeerId()).isEqualTo("12D3KooWRemote");
      assertThat(o.node()).isEqualTo("12D3KooWLocal");
    });
    assertThat(failures.count()).isZero();
  }

  @Test
  void draft29IsQuicNotQuicV1() {
    QuicTransport quic = new QuicTransport();
    d.transportCreated(quic, "/tls/1.0.0");
    d.connectionHandled(new QuicConnection(quic, false, "/ip4/127.0.0.1/udp/4001/quic",
        "/ip4/127.0.0.1/udp/51000/quic"));
    assertThat(opened()).satisfies(o -> {
      assertThat(o.transport()).isEqualTo("quic");
      assertThat(o.security()).isEqualTo("/tls/1.0.0");
      assertThat(o.muxer()).isNull();
      assertThat(o.direction()).isEqualTo(Direction.INBOUND);
    });
  }

  @Test
  void aQuicTransportBuiltBeforeTheAgentAttachedIsStillTls() {
    // after a dynamic attach the constructor hook never ran for this transport
    d.connectionHandled(new QuicConnection(new QuicTransport(), true, "/ip4/0.0.0.0/udp/40000/quic-v1",
        "/ip4/127.0.0.1/udp/4001/quic-v1"));
    assertThat(opened().security()).isEqualTo("/tls/1.0.0");
    assertThat(opened().muxer()).isNull();
  }

  @Test
  void addressesUnreadableFallsBackToTheTransportClassAndItsHookedSecurity() {
    QuicTransport quic = new QuicTransport();
    d.transportCreated(quic, "/tls/1.0.0");
    d.connectionHandled(new QuicConnection(quic, true, null, null));
    assertThat(opened().transport()).isEqualTo("quic");
    assertThat(opened().security()).isEqualTo("/tls/1.0.0");
    assertThat(failures.count()).isZero();
  }

  @Test
  void tlsOverTcpReportsTlsAndTheAlpnMuxer() {
    TcpConnection c = new TcpConnection(new Session(LOCAL, REMOTE, new EarlyMuxer("/yamux/1.0.0")));
    d.upgradeStarted(true, c, "/tls/1.0.0", new CompletableFuture<>(), null);
    d.connectionHandled(c);
    assertThat(opened()).satisfies(o -> {
      assertThat(o.transport()).isEqualTo("tcp");
      assertThat(o.security()).isEqualTo("/tls/1.0.0");
      assertThat(o.muxer()).isEqualTo("/yamux/1.0.0");
    });
  }

  @Test
  void tlsWithMplexAgreedByAlpn() {
    TcpConnection c = new TcpConnection(new Session(LOCAL, REMOTE, new EarlyMuxer("/mplex/6.7.0")));
    d.upgradeStarted(true, c, "/tls/1.0.0", new CompletableFuture<>(), null);
    d.connectionHandled(c);
    assertThat(opened().muxer()).isEqualTo("/mplex/6.7.0");
  }

  @Test
  void aFailedTlsHandshakeIsHandshakeFailedWithItsCause() {
    TcpConnection c = new TcpConnection(null);
    CompletableFuture<Object> f = new CompletableFuture<>();
    d.upgradeStarted(true, c, "/tls/1.0.0", f, null);
    SSLHandshakeException e = new SSLHandshakeException("Received fatal alert: bad_certificate");
    e.initCause(new CertificateException("no libp2p public key extension"));
    f.completeExceptionally(new java.util.concurrent.CompletionException(e));
    assertThat(events).filteredOn(HandshakeFailed.class::isInstance).singleElement()
        .isInstanceOfSatisfying(HandshakeFailed.class, h -> {
          assertThat(h.protocol()).isEqualTo("/tls/1.0.0");
          assertThat(h.errorClass()).isEqualTo("javax.net.ssl.SSLHandshakeException");
          assertThat(h.message()).isEqualTo("Received fatal alert: bad_certificate"
              + " (caused by CertificateException: no libp2p public key extension)");
          assertThat(h.direction()).isEqualTo(Direction.INBOUND);
          assertThat(h.remoteAddr()).isEqualTo("/ip4/127.0.0.1/tcp/5000");
        });
    assertThat(events).noneMatch(ConnectionOpened.class::isInstance);
  }

  // ---- stand-ins with jvm-libp2p's getter names ----

  /** Stands for io.libp2p.transport.quic.QuicTransport. */
  public static final class QuicTransport {}

  /** Stands for io.libp2p.core.security.SecureChannel$Session. */
  public static final class Session {
    private final PeerId local;
    private final PeerId remote;
    private final EarlyMuxer early;

    Session(PeerId local, PeerId remote, EarlyMuxer early) {
      this.local = local;
      this.remote = remote;
      this.early = early;
    }

    public PeerId getLocalId() {
      return local;
    }

    public PeerId getRemoteId() {
      return remote;
    }

    public EarlyMuxer getEarlyMuxer() {
      return early;
    }
  }

  /** Stands for io.libp2p.core.multistream.NegotiatedProtocol. */
  public static final class EarlyMuxer {
    private final String protocol;

    EarlyMuxer(String protocol) {
      this.protocol = protocol;
    }

    public String getProtocol() {
      return protocol;
    }
  }

  /** Stands for QUIC's own stream muxer session. */
  public static final class NativeMuxerSession {}

  public static final class QuicConnection {
    private final QuicTransport transport;
    private final boolean initiator;
    private final String local;
    private final String remote;
    final CompletableFuture<Object> close = new CompletableFuture<>();

    QuicConnection(QuicTransport transport, boolean initiator, String local, String remote) {
      this.transport = transport;
      this.initiator = initiator;
      this.local = local;
      this.remote = remote;
    }

    public boolean isInitiator() {
      return initiator;
    }

    public Session secureSession() {
      return new Session(LOCAL, REMOTE, null);
    }

    public Object muxerSession() {
      return new NativeMuxerSession();
    }

    public Addr localAddress() {
      if (local == null) {
        throw new IllegalStateException("not bound");
      }
      return new Addr(local);
    }

    public Addr remoteAddress() {
      if (remote == null) {
        throw new IllegalStateException("not connected");
      }
      return new Addr(remote);
    }

    public QuicTransport transport() {
      return transport;
    }

    public CompletableFuture<Object> closeFuture() {
      return close;
    }
  }

  public static final class TcpConnection {
    private final Session session;
    final CompletableFuture<Object> close = new CompletableFuture<>();

    TcpConnection(Session session) {
      this.session = session;
    }

    public boolean isInitiator() {
      return false;
    }

    public Session secureSession() {
      if (session == null) {
        throw new IllegalStateException("secure session not set yet");
      }
      return session;
    }

    public Object muxerSession() {
      return new NativeMuxerSession();
    }

    public Addr localAddress() {
      return new Addr("/ip4/127.0.0.1/tcp/4001");
    }

    public Addr remoteAddress() {
      return new Addr("/ip4/127.0.0.1/tcp/5000");
    }

    public Object transport() {
      return null;
    }

    public CompletableFuture<Object> closeFuture() {
      return close;
    }
  }
}
