package dev.privacyagent.bench;

import com.google.protobuf.ByteString;
import crypto.pb.Crypto;
import io.libp2p.core.PeerId;
import io.libp2p.core.crypto.KeyKt;
import io.libp2p.core.security.SecureChannel;
import io.libp2p.pubsub.PubsubApiImpl;
import io.libp2p.pubsub.gossip.Gossip;
import io.libp2p.pubsub.gossip.GossipParams;
import io.libp2p.pubsub.gossip.GossipRouter;
import io.libp2p.pubsub.gossip.builders.GossipRouterBuilder;
import io.libp2p.transport.implementation.ConnectionOverNetty;
import io.libp2p.transport.implementation.StreamOverNetty;
import io.libp2p.transport.tcp.TcpTransport;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import pubsub.pb.Rpc;

/**
 * One test-host gossip node (a real {@link GossipRouter} behind its {@link Gossip} binding, default
 * parameters but the seen TTL) with {@code peers} remote peers, each on its own secured connection
 * with an inbound and an outbound {@code /meshsub/1.2.0} stream over in-memory channels. Every peer
 * and our node subscribe to {@code topics} attestation-like topics, so the router builds a mesh of
 * D = 6 per topic. The router's event thread is the caller's ({@link InlineEventThread}): a received
 * RPC goes from its wire bytes through the stream's decoders into {@code onInbound}, the seen
 * cache, validation, the listeners and the forward to the mesh, all within the call.
 */
final class GossipNet {
  static final String PROTOCOL = "/meshsub/1.2.0";
  /** An attestation-sized payload (below the IDONTWANT and flood thresholds). */
  static final int DATA_BYTES = 192;

  final InlineEventThread eventThread = new InlineEventThread();
  final GossipRouter router;
  final Gossip gossip;
  final PeerId local;
  final List<PeerId> remotes = new ArrayList<>();
  final List<LoopbackChannel> inbound = new ArrayList<>();
  final List<String> topics = new ArrayList<>();
  private final List<LoopbackChannel> channels = new ArrayList<>();
  private final byte[] data = new byte[DATA_BYTES];
  /** Messages handed to the application's subscription. */
  long delivered;

  /**
   * @param seenTtl how long the seen cache remembers an id, on the simulated clock (the benchmarks
   *     recycle message ids once it has forgotten them)
   */
  GossipNet(int peers, int topicCount, Duration seenTtl) {
    new Random(7).nextBytes(data);
    GossipRouterBuilder b = new GossipRouterBuilder();
    b.setParams(GossipParams.builder().seenTTL(seenTtl).build());
    b.setScheduledAsyncExecutor(eventThread);
    b.setCurrentTimeSupplier(eventThread::now);
    b.setRandom(new Random(1));
    router = b.build();
    gossip = new Gossip(router, new PubsubApiImpl(router), null);
    local = PeerId.fromPubKey(KeyKt.generateKeyPair(Crypto.KeyType.Ed25519).getSecond());
    for (int t = 0; t < topicCount; t++) {
      topics.add("/eth2/00000000/beacon_attestation_" + t + "/ssz_snappy");
    }
    TcpTransport transport = new TcpTransport(null);
    for (int i = 0; i < peers; i++) {
      PeerId remote = PeerId.fromPubKey(KeyKt.generateKeyPair(Crypto.KeyType.Ed25519).getSecond());
      remotes.add(remote);
      LoopbackChannel connCh = channel(20_000 + i);
      ConnectionOverNetty conn = new ConnectionOverNetty(connCh, transport, i % 2 == 0);
      conn.setSecureSession(new SecureChannel.Session(local, remote, null, null));
      stream(conn, channel(20_000 + i), true);
      LoopbackChannel in = channel(20_000 + i);
      stream(conn, in, false);
      inbound.add(in);
      Rpc.RPC.Builder subs = Rpc.RPC.newBuilder();
      for (String t : topics) {
        subs.addSubscriptions(Rpc.RPC.SubOpts.newBuilder().setTopicid(t).setSubscribe(true));
      }
      receive(i, frame(subs.build()));
    }
    // the application's subscription, through the pubsub API as a node does it
    gossip.subscribe((java.util.function.Consumer<io.libp2p.core.pubsub.MessageApi>) m -> delivered++,
        topics.stream().map(io.libp2p.core.pubsub.Topic::new).toArray(io.libp2p.core.pubsub.Topic[]::new));
    int listeners = router.getEventBroadcaster().getListeners().size();
    if (listeners != (AgentPresence.active() ? 1 : 0)) {
      throw new IllegalStateException("agent " + (AgentPresence.active() ? "on" : "off") + " but the router has "
          + listeners + " event listeners (the agent adds one)");
    }
    int meshed = router.getMesh().values().stream().mapToInt(java.util.Set::size).sum();
    if (meshed != Math.min(peers, 6) * topicCount) {
      throw new IllegalStateException("mesh not built: " + router.getMesh());
    }
  }

  private LoopbackChannel channel(int port) {
    LoopbackChannel ch = new LoopbackChannel(port, true);
    channels.add(ch);
    return ch;
  }

  private void stream(ConnectionOverNetty conn, LoopbackChannel ch, boolean outbound) {
    StreamOverNetty s = new StreamOverNetty(ch, conn, outbound);
    s.getProtocol().complete(PROTOCOL);
    gossip.initChannel(s, PROTOCOL);
  }

  /** A gossip message as {@code origin} published it, with a sequence number of 8 bytes. */
  Rpc.Message message(PeerId origin, long seqno, String topic) {
    return Rpc.Message.newBuilder()
        .setFrom(ByteString.copyFrom(origin.getBytes()))
        .setSeqno(ByteString.copyFrom(ByteBuffer.allocate(8).putLong(seqno).array()))
        .addTopicIDs(topic)
        .setData(ByteString.copyFrom(data))
        .build();
  }

  /** An RPC as it comes off the wire: a varint length, then the protobuf. */
  static byte[] frame(Rpc.RPC rpc) {
    byte[] body = rpc.toByteArray();
    ByteBuf out = Unpooled.buffer(body.length + 5);
    int n = body.length;
    while ((n & ~0x7F) != 0) {
      out.writeByte((n & 0x7F) | 0x80);
      n >>>= 7;
    }
    out.writeByte(n);
    out.writeBytes(body);
    byte[] framed = new byte[out.readableBytes()];
    out.readBytes(framed);
    return framed;
  }

  /** {@code peer}'s inbound stream delivers {@code framed}. */
  void receive(int peer, byte[] framed) {
    inbound.get(peer).writeInbound(Unpooled.wrappedBuffer(framed));
  }

  void close() {
    router.shutdown();
    for (LoopbackChannel ch : channels) {
      ch.finishAndReleaseAll();
    }
  }
}
