package io.libp2p.pubsub;

import io.libp2p.etc.types.WBytes;
import java.util.HashMap;
import java.util.Map;

/** A seen cache keyed by message id, without expiry (wrap it in a {@link TTLSeenCache}). */
public final class SimpleSeenCache<TValue> implements SeenCache<TValue> {
    private record Entry<V>(PubsubMessage msg, V value) {
    }

    private final Map<WBytes, Entry<TValue>> byId = new HashMap<>();

    @Override
    public int getSize() {
        return byId.size();
    }

    @Override
    public PubsubMessage getSeenMessage(PubsubMessage msg) {
        Entry<TValue> e = byId.get(msg.getMessageId());
        return e == null ? msg : e.msg();
    }

    @Override
    public TValue getValue(PubsubMessage msg) {
        Entry<TValue> e = byId.get(msg.getMessageId());
        return e == null ? null : e.value();
    }

    @Override
    public boolean isSeen(PubsubMessage msg) {
        return byId.containsKey(msg.getMessageId());
    }

    @Override
    public boolean isSeen(WBytes messageId) {
        return byId.containsKey(messageId);
    }

    @Override
    public void put(PubsubMessage msg, TValue value) {
        byId.put(msg.getMessageId(), new Entry<>(msg, value));
    }

    @Override
    public void remove(WBytes messageId) {
        byId.remove(messageId);
    }
}
