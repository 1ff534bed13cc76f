package dev.privacyagent.analyzer.codec;

import dev.privacyagent.analyzer.event.*;
import java.util.List;

/** One event of every type, with every optional field set. */
final class SampleEvents {
  static final String NODE = "12D3KooWNodeAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
  static final String PEER = "12D3KooWPeerBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB";

  private SampleEvents() {}

  static List<Event> all() {
    long t = 1_000_000L;
    long w = 1_767_225_600_000L;
    List<Event> all = new java.util.ArrayList<>(List.of(
        new HostCreated(1, t, w, NODE, NODE, "sample"),
        new ListenStarted(2, t + 1, w, NODE, "/ip4/0.0.0.0/tcp/4001"),
        new DialStarted(3, t + 2, w, NODE, PEER, List.of("/ip4/1.2.3.4/tcp/4001", "/ip6/2001:db8::1/tcp/4001")),
        new DialFailed(4, t + 3, w, NODE, null, "/ip4/9.9.9.9/tcp/1", "java.net.ConnectException", "Connection refused"),
        new HandshakeFailed(5, t + 4, w, NODE, "c9", "/ip4/5.6.7.8/tcp/555", Direction.INBOUND, "/noise", "SecureHandshakeError", "bad sig"),
        new ConnectionOpened(6, t + 5, w + 1, NODE, "c1", NODE, PEER, "/ip4/10.0.0.2/tcp/4001", "/ip4/1.2.3.4/tcp/4001",
            Direction.OUTBOUND, "tcp", "/noise", "/yamux/1.0.0", true),
        new StreamOpened(7, t + 6, w + 1, NODE, "s1", "c1", Direction.OUTBOUND),
        new ProtocolNegotiated(8, t + 7, w + 1, NODE, "s1", "/ipfs/id/1.0.0"),
        new IdentifyReceived(9, t + 8, w + 2, NODE, "c1", PEER, "js-libp2p/3.3.11 UserAgent=\"v20\" ünï", "ipfs/0.1.0",
            List.of("/ip4/1.2.3.4/tcp/4001"), "/ip4/81.2.69.160/tcp/4001", List.of("/ipfs/id/1.0.0", "/ipfs/ping/1.0.0")),
        new IdentifySent(10, t + 9, w + 2, NODE, "c1", PEER, "teku/v24.1.0", "ipfs/0.1.0",
            List.of("/ip4/81.2.69.160/tcp/4001"), "/ip4/1.2.3.4/tcp/4001", List.of("/ipfs/id/1.0.0")),
        new StreamClosed(11, t + 10, w + 3, NODE, "s1", 1234L, 5678L),
        new PingRtt(12, t + 11, w + 3, NODE, "c1", PEER, 1_500_000L),
        new ConnectionClosed(13, t + 12, w + 4, NODE, "c1", "remote closed\nwith \"quotes\""),
        new ListenStopped(14, t + 13, w + 5, NODE, "/ip4/0.0.0.0/tcp/4001")));
    all.addAll(gossip(t + 100, w + 10));
    return List.copyOf(all);
  }

  static final String TOPIC = "/eth2/6a95a1a9/beacon_attestation_12/ssz_snappy";

  /** One gossip event of every type, every optional field set. */
  static List<Event> gossip(long t, long w) {
    return List.of(
        new GossipRouterCreated(101, t, w, NODE, "/meshsub/1.2.0", 8L, 6L, 12L, 6L, 0L, 700L, true),
        new GossipLocalSubscription(102, t + 1, w, NODE, TOPIC, true, true),
        new GossipPeerStatus(103, t + 2, w, NODE, PEER, true, true),
        new GossipPeerProtocol(104, t + 3, w, NODE, PEER, "/meshsub/1.2.0", Direction.OUTBOUND),
        new GossipPeerSubscription(105, t + 4, w, NODE, PEER, TOPIC, true, true),
        new GossipMeshChange(106, t + 5, w, NODE, PEER, TOPIC, false, GossipInitiator.REMOTE, 60L, true),
        new GossipPublish(107, t + 6, w + 1, NODE, TOPIC, "00ff10ab", 220, 1, List.of(PEER),
            GossipPublishMode.FANOUT, 1, 0, 3, "NoPeersForOutboundMessageException"),
        new GossipMessageReceived(108, t + 7, w + 1, NODE, TOPIC, "00ff10ac", PEER, 230, true,
            GossipValidation.IGNORE, 1_200_000L),
        new GossipTopicStats(109, t + 8, w + 2, NODE, TOPIC, 10_000_000_000L, 12, 8, 4, 1, 1, 2400,
            4_000_000L, 2_000_000L, 1, 7, 8, 20, 11),
        new GossipPeerStats(110, t + 9, w + 2, NODE, PEER, 10_000_000_000L, 3, 2, 1, 40, 30, 2, 1, 1, 0,
            List.of(TOPIC)));
  }
}
