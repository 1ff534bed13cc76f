package io.libp2p.etc;

import io.libp2p.core.Connection;
import io.libp2p.core.ConnectionHandler;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Calls each of its handlers in order; the list can change while connections arrive. */
public final class BroadcastConnectionHandler extends ForwardingList<ConnectionHandler>
        implements ConnectionHandler.Broadcast, List<ConnectionHandler>, kotlin.jvm.internal.markers.KMutableList {
    public BroadcastConnectionHandler(List<ConnectionHandler> handlers) {
        super(handlers);
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
    public boolean add(ConnectionHandler e) {
        return handlers.add(e);
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
}
