package io.libp2p.pubsub;

import io.libp2p.etc.types.WBytes;
import java.time.Duration;
import java.util.ArrayDeque;

/** Forgets entries {@code ttl} after they were first put (the gossipsub seen TTL, 2 min by default). */
public final class TTLSeenCache<TValue> implements SeenCache<TValue> {
    private record Put(WBytes id, long at) {
    }

    private final SeenCache<TValue> delegate;
    private final long ttlMillis;
    private final kotlin.jvm.functions.Function0<Long> currentTimeSupplier;
    private final ArrayDeque<Put> puts = new ArrayDeque<>();

    public TTLSeenCache(SeenCache<TValue> delegate, Duration ttl, kotlin.jvm.functions.Function0<Long> currentTimeSupplier) {
        this.delegate = delegate;
        this.ttlMillis = ttl.toMillis();
        this.currentTimeSupplier = currentTimeSupplier;
    }

    /** Drops every entry older than the TTL; called on each put and by the router's heartbeat. */
    public void pruneExpired() {
        long now = currentTimeSupplier.invoke();
        while (!puts.isEmpty() && now - puts.peekFirst().at() >= ttlMillis) {
            delegate.remove(puts.pollFirst().id());
        }
    }

    @Override
    public int getSize() {
        return delegate.getSize();
    }

    @Override
    public PubsubMessage getSeenMessage(PubsubMessage msg) {
        return delegate.getSeenMessage(msg);
    }

    @Override
    public TValue getValue(PubsubMessage msg) {
        return delegate.getValue(msg);
    }

    @Override
    public boolean isSeen(PubsubMessage msg) {
        return delegate.isSeen(msg);
    }

    @Override
    public boolean isSeen(WBytes messageId) {
        return delegate.isSeen(messageId);
    }

    @Override
    public void put(PubsubMessage msg, TValue value) {
        boolean fresh = !delegate.isSeen(msg.getMessageId());
        delegate.put(msg, value);
        if (fresh) {
            puts.addLast(new Put(msg.getMessageId(), currentTimeSupplier.invoke()));
        }
        pruneExpired();
    }

    @Override
    public void remove(WBytes messageId) {
        delegate.remove(messageId);
    }
}
