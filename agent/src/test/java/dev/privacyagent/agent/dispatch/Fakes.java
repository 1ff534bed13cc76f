package dev.privacyagent.agent.dispatch;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Plain objects with jvm-libp2p's getter names: what the dispatcher reads reflectively. */
public final class Fakes {
  private Fakes() {}

  public static final class PeerId {
    private final String b58;

    public PeerId(String b58) {
      this.b58 = b58;
    }

    public String toBase58() {
      return b58;
    }
  }

  public static final class Addr {
    private final String s;

    public Addr(String s) {
      this.s = s;
    }

    public PeerId getPeerId() {
      int i = s.indexOf("/p2p/");
      return i < 0 ? null : new PeerId(s.substring(i + 5));
    }

    @Override
    public String toString() {
      return s;
    }
  }

  public static final class NoiseSession {
    private final PeerId local;
    private final PeerId remote;

    public NoiseSession(PeerId local, PeerId remote) {
      this.local = local;
      this.remote = remote;
    }

    public PeerId getLocalId() {
      return local;
    }

    public PeerId getRemoteId() {
      return remote;
    }

    public Object getEarlyMuxer() {
      return null;
    }
  }

  public static final class YamuxSession {}

  public static final class Transport {
    public final List<Addr> listening = new ArrayList<>();

    public List<Addr> listenAddresses() {
      return new ArrayList<>(listening);
    }
  }

  public static final class Connection {
    public final CompletableFuture<Object> close = new CompletableFuture<>();
    public NoiseSession session;
    public Object muxer = new YamuxSession();
    private final boolean initiator;
    private final Transport transport;

    public Connection(NoiseSession session, boolean initiator, Transport transport) {
      this.session = session;
      this.initiator = initiator;
      this.transport = transport;
    }

    public boolean isInitiator() {
      return initiator;
    }

    public NoiseSession secureSession() {
      if (session == null) {
        throw new IllegalStateException("secure session not set yet");
      }
      return session;
    }

    public Object muxerSession() {
      return muxer;
    }

    public Addr localAddress() {
      return new Addr("/ip4/127.0.0.1/tcp/4001");
    }

    public Addr remoteAddress() {
      return new Addr("/ip4/10.1.2.3/tcp/5555");
    }

    public Transport transport() {
      return transport;
    }

    public CompletableFuture<Object> closeFuture() {
      return close;
    }
  }

  public static final class Stream {
    public final CompletableFuture<String> protocol = new CompletableFuture<>();
    public final CompletableFuture<Object> close = new CompletableFuture<>();
    private final Connection conn;
    private final boolean initiator;

    public Stream(Connection conn, boolean initiator) {
      this.conn = conn;
      this.initiator = initiator;
    }

    public Connection getConnection() {
      return conn;
    }

    public boolean isInitiator() {
      return initiator;
    }

    public CompletableFuture<String> getProtocol() {
      return protocol;
    }

    public CompletableFuture<Object> closeFuture() {
      return close;
    }

    public PeerId remotePeerId() {
      return conn.session.getRemoteId();
    }
  }

  public static final class PingInitiator {
    private final Stream stream;

    public PingInitiator(Stream stream) {
      this.stream = stream;
    }

    public Stream getStream() {
      return stream;
    }
  }

  public static final class Network {
    public final List<Transport> transports = new ArrayList<>();
    public final List<Connection> connections = new ArrayList<>();

    public List<Transport> getTransports() {
      return transports;
    }

    public List<Connection> getConnections() {
      return connections;
    }
  }

  public static final class Host {
    private final PeerId id;
    private final Network network;

    public Host(PeerId id, Network network) {
      this.id = id;
      this.network = network;
    }

    public PeerId getPeerId() {
      return id;
    }

    public Network getNetwork() {
      return network;
    }
  }
}
