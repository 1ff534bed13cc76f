package dev.privacyagent.bench;

import io.libp2p.core.Connection;
import crypto.pb.Crypto;
import io.libp2p.core.PeerId;
import io.libp2p.core.crypto.KeyKt;
import io.libp2p.core.mux.StreamMuxer;
import io.libp2p.core.security.SecureChannel;
import io.libp2p.etc.BroadcastConnectionHandler;
import io.libp2p.mux.yamux.YamuxStreamMuxer;
import io.libp2p.protocol.PingProtocol;
import io.libp2p.transport.implementation.ConnectionOverNetty;
import io.libp2p.transport.implementation.StreamOverNetty;
import io.libp2p.transport.tcp.TcpTransport;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The application-side cost of the hooked jvm-libp2p calls, on the test host's real classes
 * ({@code StreamOverNetty}, {@code ConnectionOverNetty}, {@code YamuxStreamMuxer},
 * {@code BroadcastConnectionHandler}, {@code PingProtocol$PingInitiator}) over in-memory Netty
 * channels. The same code runs in a fork without the agent (the baseline) and in a fork started
 * with {@code -javaagent:privacy-agent.jar}, where the calls go through the woven advice, the
 * bootstrap bridge, the dispatcher and the collector's queue; {@link HookOverhead} runs both and
 * prints the difference.
 *
 * <p>Each operation is a whole application action, so the difference is everything the agent adds
 * to it, callbacks on futures included:
 *
 * <ul>
 *   <li>{@code streamOpened}: a new stream on a known connection, its protocol negotiated, then
 *       closed (1 hooked call, 3 events: StreamOpened, ProtocolNegotiated, StreamClosed);
 *   <li>{@code streamWrite}: one {@code writeAndFlush} of 64 bytes on an open stream (1 hooked call,
 *       no event: the hook only looks for identify messages, and it runs on every write);
 *   <li>{@code pingRtt}: {@code ping()} and the echoed reply (2 hooked calls, ping and its write; 1
 *       PingRtt event when the future completes);
 *   <li>{@code connectionOpened}: a new connection with a secure session, the yamux upgrade, the
 *       connection handler broadcast, then close (2 hooked calls, 2 events: ConnectionOpened,
 *       ConnectionClosed);
 *   <li>{@code refPeerIdToBase58}: no hook, a reference: what one {@code PeerId#toBase58()} of the
 *       test host costs, the application call the agent makes to turn a peer id into text.
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class HookBenchmarks {
  private static final String ECHO = "/echo/1.0.0";
  private static final String PING = "/ipfs/ping/1.0.0";
  private static final String YAMUX = "/yamux/1.0.0";

  private final byte[] payload = new byte[64];
  private TcpTransport transport;
  private YamuxStreamMuxer muxer;
  private SecureChannel.Session session;
  private BroadcastConnectionHandler broadcast;
  private ConnectionOverNetty connection;
  private LoopbackChannel writeChannel;
  private StreamOverNetty writeStream;
  private LoopbackChannel pingChannel;
  private StreamOverNetty pingStream;
  private PingProtocol.PingInitiator pinger;
  private PeerId peerId;
  private int port = 10_000;

  @Setup(Level.Trial)
  public void setUp() {
    AgentPresence.verify();
    // never initialised: the benchmarks only use it to turn socket addresses into multiaddrs
    transport = new TcpTransport(null);
    muxer = new YamuxStreamMuxer(stream -> CompletableFuture.completedFuture(null), null);
    // Ed25519 identities as the hosts use them (38-byte identity-multihash peer ids)
    peerId = PeerId.fromPubKey(KeyKt.generateKeyPair(Crypto.KeyType.Ed25519).getSecond());
    PeerId local = PeerId.fromPubKey(KeyKt.generateKeyPair(Crypto.KeyType.Ed25519).getSecond());
    session = new SecureChannel.Session(local, peerId, null, null);
    broadcast = new BroadcastConnectionHandler();
    broadcast.add(conn -> { }); // a host always has its own handler in the list
    // the connection the streams live on is opened (and, with the agent, reported) once
    connection = newConnection(new LoopbackChannel(nextPort()));
    broadcast.handleConnection(connection);

    writeChannel = new LoopbackChannel(nextPort());
    writeStream = new StreamOverNetty(writeChannel, connection, true);
    writeStream.getProtocol().complete(ECHO);

    pingChannel = new LoopbackChannel(nextPort());
    pingStream = new StreamOverNetty(pingChannel, connection, true);
    pingStream.getProtocol().complete(PING);
    PingProtocol ping = new PingProtocol();
    // the unanswered-ping timer of every ping is scheduled anyway; a short one keeps its queue small
    ping.setPingTimeout(Duration.ofMillis(200));
    pinger = ping.new PingInitiator();
    pinger.onActivated(pingStream);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    writeChannel.finishAndReleaseAll();
    pingChannel.finishAndReleaseAll();
    connection.getNettyChannel().close();
  }

  private int nextPort() {
    port = port == 60_000 ? 10_000 : port + 1;
    return port;
  }

  /** A secured connection with its muxer installed through the real yamux upgrade (a hooked call). */
  private ConnectionOverNetty newConnection(LoopbackChannel ch) {
    ConnectionOverNetty c = new ConnectionOverNetty(ch, transport, true);
    c.setSecureSession(session);
    StreamMuxer.Session mux = muxer.initChannel(c, YAMUX).join();
    c.setMuxerSession(mux);
    return c;
  }

  @Benchmark
  public Object streamOpened() {
    LoopbackChannel ch = new LoopbackChannel(port);
    StreamOverNetty s = new StreamOverNetty(ch, connection, true);
    s.getProtocol().complete(ECHO);
    ch.finishAndReleaseAll();
    return s;
  }

  @Benchmark
  public Object streamWrite() {
    writeStream.writeAndFlush(Unpooled.wrappedBuffer(payload));
    ByteBuf sent = writeChannel.readOutbound();
    sent.release();
    return sent;
  }

  @Benchmark
  public long pingRtt() {
    CompletableFuture<Long> rtt = pinger.ping();
    ByteBuf sent = pingChannel.readOutbound();
    pinger.onMessage(pingStream, sent);
    sent.release();
    return rtt.getNow(-1L);
  }

  @Benchmark
  public Connection connectionOpened() {
    LoopbackChannel ch = new LoopbackChannel(nextPort());
    ConnectionOverNetty c = newConnection(ch);
    broadcast.handleConnection(c);
    ch.finishAndReleaseAll();
    return c;
  }

  @Benchmark
  public String refPeerIdToBase58() {
    return peerId.toBase58();
  }
}
