package io.libp2p.etc;

import io.libp2p.core.ChannelVisitor;
import io.libp2p.core.P2PChannel;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.ListIterator;
import java.util.concurrent.CopyOnWriteArrayList;

/** Calls each of its visitors in order; the list can change while channels are created. */
public final class BroadcastChannelVisitor<TChannel extends P2PChannel>
        implements ChannelVisitor.Broadcast<TChannel>, List<ChannelVisitor<TChannel>>,
        kotlin.jvm.internal.markers.KMutableList {
    private final List<ChannelVisitor<TChannel>> handlers;

    public BroadcastChannelVisitor(List<ChannelVisitor<TChannel>> handlers) {
        this.handlers = handlers;
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
    public int size() {
        return handlers.size();
    }

    @Override
    public boolean isEmpty() {
        return handlers.isEmpty();
    }

    @Override
    public boolean contains(Object o) {
        return handlers.contains(o);
    }

    @Override
    public Iterator<ChannelVisitor<TChannel>> iterator() {
        return handlers.iterator();
    }

    @Override
    public Object[] toArray() {
        return handlers.toArray();
    }

    @Override
    public <A> A[] toArray(A[] a) {
        return handlers.toArray(a);
    }

    @Override
    public boolean add(ChannelVisitor<TChannel> e) {
        return handlers.add(e);
    }

    @Override
    public boolean remove(Object o) {
        return handlers.remove(o);
    }

    @Override
    public boolean containsAll(Collection<?> c) {
        return handlers.containsAll(c);
    }

    @Override
    public boolean addAll(Collection<? extends ChannelVisitor<TChannel>> c) {
        return handlers.addAll(c);
    }

    @Override
    public boolean addAll(int index, Collection<? extends ChannelVisitor<TChannel>> c) {
        return handlers.addAll(index, c);
    }

    @Override
    public boolean removeAll(Collection<?> c) {
        return handlers.removeAll(c);
    }

    @Override
    public boolean retainAll(Collection<?> c) {
        return handlers.retainAll(c);
    }

    @Override
    public void clear() {
        handlers.clear();
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

    @Override
    public int indexOf(Object o) {
        return handlers.indexOf(o);
    }

    @Override
    public int lastIndexOf(Object o) {
        return handlers.lastIndexOf(o);
    }

    @Override
    public ListIterator<ChannelVisitor<TChannel>> listIterator() {
        return handlers.listIterator();
    }

    @Override
    public ListIterator<ChannelVisitor<TChannel>> listIterator(int index) {
        return handlers.listIterator(index);
    }

    @Override
    public List<ChannelVisitor<TChannel>> subList(int fromIndex, int toIndex) {
        return handlers.subList(fromIndex, toIndex);
    }

    @Override
    public boolean equals(Object o) {
        return handlers.equals(o);
    }

    @Override
    public int hashCode() {
        return handlers.hashCode();
    }
}
