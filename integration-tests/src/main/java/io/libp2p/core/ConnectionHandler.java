package io.libp2p.core;

import io.libp2p.etc.BroadcastConnectionHandler;
import java.util.List;
import java.util.function.Consumer;

/** Called once per connection after its secure and muxer sessions are set. */
public interface ConnectionHandler {
    void handleConnection(Connection conn);

    /** A handler that calls every handler of its list in order. */
    interface Broadcast extends ConnectionHandler, List<ConnectionHandler>, kotlin.jvm.internal.markers.KMutableList {
    }

    static ConnectionHandler create(Consumer<Connection> handler) {
        return handler::accept;
    }

    static Broadcast createBroadcast(List<? extends ConnectionHandler> handlers) {
        BroadcastConnectionHandler b = new BroadcastConnectionHandler();
        b.addAll(handlers);
        return b;
    }

    static Broadcast createBroadcast() {
        return new BroadcastConnectionHandler();
    }
}
