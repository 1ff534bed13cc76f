package dev.privacyagent.agent.dispatch;

import dev.privacyagent.analyzer.event.IdentifyReceived;
import dev.privacyagent.analyzer.event.IdentifySent;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Runs every dispatcher path once, at start-up on the agent's own thread, against stand-ins with
 * jvm-libp2p's getter names and into a sink that drops everything. Loading a class and linking a
 * lambda take locks; done here, no application thread ever waits for them when the first real
 * connection arrives.
 */
public final class WarmUp {
  private WarmUp() {}

  public static void run(ScheduledExecutorService worker, boolean attached) {
    Dispatcher d = new Dispatcher(e -> {}, worker, new Failures(), attached);
    Peer local = new Peer("warm-up-local");
    Peer remote = new Peer("warm-up-remote");
    Transport transport = new Transport();
    Network network = new Network(transport);
    d.hostCreated(new Host(local, network));
    d.transportCreated(new Transport(), "/tls/1.0.0");
    Conn conn = new Conn(new Session(local, remote), transport);
    d.upgradeStarted(true, conn, "/noise", CompletableFuture.completedFuture(null), null);
    d.upgradeStarted(false, conn, "/yamux/1.0.0", CompletableFuture.failedFuture(new IllegalStateException()), null);
    d.connectionHandled(conn);
    Stream s = new Stream(conn);
    d.streamCreated(s);
    d.streamWrite(s, "payload");
    d.pingStarted(new Initiator(s), CompletableFuture.completedFuture(1L));
    long token = d.connectEnter(remote);
    d.dialExit(transport, new Addr("/ip4/127.0.0.1/tcp/1"), CompletableFuture.failedFuture(new IllegalStateException()), null);
    d.connectExit(network, remote, new Object[0], null, new IllegalStateException(), token);
    d.listenExit(transport, new Addr("/ip4/127.0.0.1/tcp/0"), CompletableFuture.completedFuture(null), null);
    d.unlistenExit(transport, new Addr("/ip4/127.0.0.1/tcp/0"), CompletableFuture.completedFuture(null), null);
    d.transportClosed(transport, CompletableFuture.completedFuture(null));
    s.protocol.complete("/warm-up");
    s.close.complete(null);
    conn.close.complete(null);
    d.discovered(network);
    identify();
    dev.privacyagent.agent.dispatch.gossip.GossipWarmUp.run(d.gossip(), local, remote);
    d.stop();
  }

  /**
   * Identify messages are recognised by class name, which a stand-in cannot carry, so their reader,
   * the agent's multiaddr decoder (every value kind, and the hex fallback) and the event records
   * are run directly.
   */
  private static void identify() {
    Identify id = Identify.read(new IdentifyMessage());
    new IdentifySent(0, 0, 0, null, null, null, id.agentVersion(), id.protocolVersion(),
        id.listenAddrs(), id.observedAddr(), id.protocols());
    new IdentifyReceived(0, 0, 0, null, null, null, id.agentVersion(), id.protocolVersion(),
        id.listenAddrs(), id.observedAddr(), id.protocols());
  }

  private static byte[] hex(String h) {
    return java.util.HexFormat.of().parseHex(h);
  }

  /** Stands for protobuf's ByteString. */
  public static final class Bytes {
    private final byte[] b;

    Bytes(byte[] b) {
      this.b = b;
    }

    public byte[] toByteArray() {
      return b.clone();
    }
  }

  /** Stands for identify.pb.IdentifyOuterClass$Identify. */
  public static final class IdentifyMessage {
    public String getAgentVersion() {
      return "warm-up";
    }

    public String getProtocolVersion() {
      return "warm-up";
    }

    public List<Bytes> getListenAddrsList() {
      return List.of(
          // /ip4/127.0.0.1/tcp/4001/p2p/12D3KooW...
          new Bytes(hex("047f000001060fa1a50326002408011220" + "11".repeat(32))),
          // /ip6/::1/udp/4001/quic-v1/certhash/u.../dns4/a
          new Bytes(hex("2900000000000000000000000000000001" + "91020fa1cd03" + "d2030201ff" + "360161")),
          new Bytes(hex("ff7f01")));
    }

    public Bytes getObservedAddr() {
      return new Bytes(hex("047f000001060fa1"));
    }

    public List<String> getProtocolsList() {
      return List.of("/warm-up/1.0.0");
    }
  }

  public static final class Peer {
    private final String id;

    Peer(String id) {
      this.id = id;
    }

    public String toBase58() {
      return id;
    }

    public byte[] getBytes() {
      return id.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  public static final class Addr {
    private final String s;

    Addr(String s) {
      this.s = s;
    }

    public Peer getPeerId() {
      return null;
    }

    @Override
    public String toString() {
      return s;
    }
  }

  public static final class Session {
    private final Peer local;
    private final Peer remote;

    Session(Peer local, Peer remote) {
      this.local = local;
      this.remote = remote;
    }

    public Peer getLocalId() {
      return local;
    }

    public Peer getRemoteId() {
      return remote;
    }

    public Object getEarlyMuxer() {
      return null;
    }
  }

  public static final class Transport {
    public List<Addr> listenAddresses() {
      return List.of(new Addr("/ip4/127.0.0.1/tcp/1"));
    }
  }

  public static final class Network {
    private final Transport transport;

    Network(Transport transport) {
      this.transport = transport;
    }

    public List<Transport> getTransports() {
      return List.of(transport);
    }

    public List<Object> getConnections() {
      return List.of();
    }
  }

  public static final class Host {
    private final Peer id;
    private final Network network;

    Host(Peer id, Network network) {
      this.id = id;
      this.network = network;
    }

    public Peer getPeerId() {
      return id;
    }

    public Network getNetwork() {
      return network;
    }
  }

  public static final class Conn {
    final CompletableFuture<Object> close = new CompletableFuture<>();
    private final Session session;
    private final Transport transport;

    Conn(Session session, Transport transport) {
      this.session = session;
      this.transport = transport;
    }

    public boolean isInitiator() {
      return true;
    }

    public Session secureSession() {
      return session;
    }

    public Object muxerSession() {
      return null;
    }

    public Addr localAddress() {
      return new Addr("/ip4/127.0.0.1/tcp/2");
    }

    public Addr remoteAddress() {
      return new Addr("/ip4/127.0.0.1/tcp/3");
    }

    public Transport transport() {
      return transport;
    }

    public CompletableFuture<Object> closeFuture() {
      return close;
    }
  }

  public static final class Stream {
    final CompletableFuture<String> protocol = new CompletableFuture<>();
    final CompletableFuture<Object> close = new CompletableFuture<>();
    private final Conn conn;

    Stream(Conn conn) {
      this.conn = conn;
    }

    public Conn getConnection() {
      return conn;
    }

    public boolean isInitiator() {
      return false;
    }

    public CompletableFuture<String> getProtocol() {
      return protocol;
    }

    public CompletableFuture<Object> closeFuture() {
      return close;
    }

    public Peer remotePeerId() {
      return conn.session.getRemoteId();
    }
  }

  public static final class Initiator {
    private final Stream stream;

    Initiator(Stream stream) {
      this.stream = stream;
    }

    public Stream getStream() {
      return stream;
    }
  }
}
