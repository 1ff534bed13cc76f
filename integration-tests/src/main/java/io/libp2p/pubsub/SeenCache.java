package io.libp2p.pubsub;

import io.libp2p.etc.types.WBytes;

/**
 * Messages already seen, with a value per message (the router stores its validation result, empty
 * while pending). Only the router's event thread touches it.
 */
public interface SeenCache<TValue> {
    int getSize();

    /** The cached instance equal to {@code msg} (its id is computed already), or {@code msg} itself. */
    PubsubMessage getSeenMessage(PubsubMessage msg);

    TValue getValue(PubsubMessage msg);

    boolean isSeen(PubsubMessage msg);

    boolean isSeen(WBytes messageId);

    void put(PubsubMessage msg, TValue value);

    void remove(WBytes messageId);
}
