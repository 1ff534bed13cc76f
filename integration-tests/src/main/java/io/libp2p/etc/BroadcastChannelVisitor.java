package io.libp2p.etc;

import io.libp2p.core.ChannelVisitor;
import io.libp2p.core.P2PChannel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Calls each of its visitors in order; the list can change while channels are created. */
public final class BroadcastChannelVisitor<TChannel extends P2PChannel> extends ForwardingList<ChannelVisitor<TChannel>>
        implements ChannelVisitor.Broadcast<TChannel>, List<ChannelVisitor<TChannel>>,
        kotlin.jvm.internal.markers.KMutableList {
    public BroadcastChannelVisitor(List<ChannelVisitor<TChannel>> handlers) {
        super(handlers);
    }

    public BroadcastChannelVisitor() {
        this(new CopyOnWriteArrayList<>());
    }

    @Override
    public void visit(TChannel channel) {
        for (ChannelVisitor<TChannel> v : handlers) {
            v.visit(channel);
        }
    }

    @Override
    public boolean add(ChannelVisitor<TChannel> e) {
        return handlers.add(e);
    }

    @Override
    public ChannelVisitor<TChannel> get(int index) {
        return handlers.get(index);
    }

    @Override
    public ChannelVisitor<TChannel> set(int index, ChannelVisitor<TChannel> element) {
        return handlers.set(index, element);
    }

    @Override
    public void add(int index, ChannelVisitor<TChannel> element) {
        handlers.add(index, element);
    }

    @Override
    public ChannelVisitor<TChannel> remove(int index) {
        return handlers.remove(index);
    }
}
