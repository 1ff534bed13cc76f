package io.libp2p.interop;

import io.libp2p.core.Host;
import io.libp2p.core.dsl.HostBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What one interop test started (hosts, js peers), closed in reverse order after it. */
final class InteropResources implements AutoCloseable {
    private final List<AutoCloseable> started = new ArrayList<>();

    /** Builds and starts the host; it is stopped on {@link #close()}. */
    Host host(HostBuilder builder) throws Exception {
        Host h = builder.build();
        h.start().get(10, TimeUnit.SECONDS);
        started.add(() -> h.stop().get(10, TimeUnit.SECONDS));
        return h;
    }

    /** Starts a js-libp2p peer ({@code peer.mjs ARGS}); it is stopped on {@link #close()}. */
    JsPeer js(String... args) throws Exception {
        JsPeer js = JsPeer.start(args);
        started.add(js);
        return js;
    }

    @Override
    public void close() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
        started.clear();
    }
}
