package io.libp2p.etc;

import io.libp2p.core.Connection;
import io.libp2p.core.ConnectionHandler;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.ListIterator;
import java.util.concurrent.CopyOnWriteArrayList;

/** Calls each of its handlers in order; the list can change while connections arrive. */
public final class BroadcastConnectionHandler
        implements ConnectionHandler.Broadcast, List<ConnectionHandler>, kotlin.jvm.internal.markers.KMutableList {
    private final List<ConnectionHandler> handlers;

    public BroadcastConnectionHandler(List<ConnectionHandler> handlers) {
        this.handlers = handlers;
    }

    public BroadcastConnectionHandler() {
        this(new CopyOnWriteArrayList<>());
    }

    @Override
    public void handleConnection(Connection conn) {
        for (ConnectionHandler h : handlers) {
            h.handleConnection(conn);
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
    public Iterator<ConnectionHandler> iterator() {
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
    public boolean add(ConnectionHandler e) {
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
    public boolean addAll(Collection<? extends ConnectionHandler> c) {
        return handlers.addAll(c);
    }

    @Override
    public boolean addAll(int index, Collection<? extends ConnectionHandler> c) {
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
    public ConnectionHandler get(int index) {
        return handlers.get(index);
    }

    @Override
    public ConnectionHandler set(int index, ConnectionHandler element) {
        return handlers.set(index, element);
    }

    @Override
    public void add(int index, ConnectionHandler element) {
        handlers.add(index, element);
    }

    @Override
    public ConnectionHandler remove(int index) {
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
    public ListIterator<ConnectionHandler> listIterator() {
        return handlers.listIterator();
    }

    @Override
    public ListIterator<ConnectionHandler> listIterator(int index) {
        return handlers.listIterator(index);
    }

    @Override
    public List<ConnectionHandler> subList(int fromIndex, int toIndex) {
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
