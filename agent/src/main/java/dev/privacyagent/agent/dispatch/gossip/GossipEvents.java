package dev.privacyagent.agent.dispatch.gossip;

import dev.privacyagent.agent.dispatch.Clock;
import dev.privacyagent.agent.dispatch.Emitter;
import dev.privacyagent.analyzer.collect.EventSink;
import dev.privacyagent.analyzer.event.Direction;
import dev.privacyagent.analyzer.event.GossipInitiator;
import dev.privacyagent.analyzer.event.GossipLocalSubscription;
import dev.privacyagent.analyzer.event.GossipMeshChange;
import dev.privacyagent.analyzer.event.GossipPeerProtocol;
import dev.privacyagent.analyzer.event.GossipPeerStatus;
import dev.privacyagent.analyzer.event.GossipPeerSubscription;

/**
 * Builds the gossip event records with the event header (sequence, nanoTime, wall clock) and hands
 * them downstream. Every string is bounded by the caller; every call is cheap and non-blocking.
 */
public final class GossipEvents extends Emitter {
  public GossipEvents(Clock clock, EventSink downstream) {
    super(clock, downstream);
  }

  void localSubscription(String node, String topic, boolean subscribed, boolean preexisting) {
    emit(new GossipLocalSubscription(seq(), nanos(), wall(), node, topic, subscribed, preexisting));
  }

  void peerSubscription(String node, String peer, String topic, boolean subscribed, boolean preexisting) {
    emit(new GossipPeerSubscription(seq(), nanos(), wall(), node, peer, topic, subscribed, preexisting));
  }

  void peerStatus(String node, String peer, boolean active, boolean preexisting) {
    emit(new GossipPeerStatus(seq(), nanos(), wall(), node, peer, active, preexisting));
  }

  void protocol(String node, String peer, String protocolId, boolean initiator) {
    emit(new GossipPeerProtocol(seq(), nanos(), wall(), node, peer, protocolId,
        initiator ? Direction.OUTBOUND : Direction.INBOUND));
  }

  void mesh(String node, String peer, String topic, boolean added, GossipInitiator by, Long backoffSeconds,
      boolean preexisting) {
    emit(new GossipMeshChange(seq(), nanos(), wall(), node, peer, topic, added, by, backoffSeconds, preexisting));
  }
}
