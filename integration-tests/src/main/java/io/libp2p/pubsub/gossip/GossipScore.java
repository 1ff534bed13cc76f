package io.libp2p.pubsub.gossip;

import io.libp2p.core.PeerId;
import java.util.Map;

/** Peer scores of one router. {@link #score} runs on the event thread; {@link #getCachedScore} anywhere. */
public interface GossipScore {
    double score(PeerId peerId);

    double getCachedScore(PeerId peerId);

    void updateTopicParams(Map<String, ?> topicParams);
}
