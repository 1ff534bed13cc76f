package io.libp2p.pubsub;

import io.libp2p.etc.types.WBytes;
import java.util.HashMap;
import java.util.Map;

/**
 * A seen cache looked up by a cheap "fast id" of the raw message (e.g. its SHA-256), so that a
 * duplicate never has its (possibly costly, content-derived) message id computed again.
 */
public final class FastIdSeenCache<TValue> implements SeenCache<TValue> {
    private record Entry<V>(PubsubMessage msg, Object fastId, V value) {
    }

    private final kotlin.jvm.functions.Function1<? super PubsubMessage, ? extends Object> fastIdFunction;
    private final Map<Object, Entry<TValue>> byFastId = new HashMap<>();
    private final Map<WBytes, Entry<TValue>> byId = new HashMap<>();

    public FastIdSeenCache(kotlin.jvm.functions.Function1<? super PubsubMessage, ? extends Object> fastIdFunction) {
        this.fastIdFunction = fastIdFunction;
    }

    private Object fastId(PubsubMessage msg) {
        Object id = fastIdFunction.invoke(msg);
        return id instanceof byte[] b ? new WBytes(b) : id;
    }

    @Override
    public int getSize() {
        return byId.size();
    }

    @Override
    public PubsubMessage getSeenMessage(PubsubMessage msg) {
        Entry<TValue> e = byFastId.get(fastId(msg));
        return e == null ? msg : e.msg();
    }

    @Override
    public TValue getValue(PubsubMessage msg) {
        Entry<TValue> e = byFastId.get(fastId(msg));
        if (e == null) {
            e = byId.get(msg.getMessageId());
        }
        return e == null ? null : e.value();
    }

    @Override
    public boolean isSeen(PubsubMessage msg) {
        return byFastId.containsKey(fastId(msg)) || byId.containsKey(msg.getMessageId());
    }

    @Override
    public boolean isSeen(WBytes messageId) {
        return byId.containsKey(messageId);
    }

    @Override
    public void put(PubsubMessage msg, TValue value) {
        Entry<TValue> e = new Entry<>(msg, fastId(msg), value);
        byFastId.put(e.fastId(), e);
        byId.put(msg.getMessageId(), e);
    }

    @Override
    public void remove(WBytes messageId) {
        Entry<TValue> e = byId.remove(messageId);
        if (e != null) {
            byFastId.remove(e.fastId());
        }
    }
}
