package dev.privacyagent.sample;

import java.util.ArrayDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Continuous churn for soak runs ({@code --churn D}): every {@code D} a new peer (a fresh host with
 * a new key) joins, dials node 0 and runs the usual workload (identify, echo streams, pings); the
 * peer that joined {@value #LIVE} rounds earlier leaves (its host stops, closing its connection
 * and streams). So connections, streams and peers are opened and closed for as long as it runs,
 * while at most {@value #LIVE} transient peers exist at once.
 */
final class Churn implements AutoCloseable {
    static final int LIVE = 4;
    private static final int FIRST_INDEX = 10_000;

    private final SampleNetwork net;
    private final SampleNetwork.Node target;
    private final ArrayDeque<SampleNetwork.Node> live = new ArrayDeque<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "sample-churn");
        t.setDaemon(true);
        return t;
    });
    private int next = FIRST_INDEX;

    Churn(SampleNetwork net, SampleNetwork.Node target) {
        this.net = net;
        this.target = target;
    }

    void start(long everyMillis) {
        timer.scheduleWithFixedDelay(this::round, everyMillis, everyMillis, TimeUnit.MILLISECONDS);
    }

    private void round() {
        try {
            if (live.size() >= LIVE) {
                net.retire(live.poll());
            }
            int index = next++;
            SampleNetwork.Node joined = net.startNode(index, NodeProfile.forIndex(1 + index % 4), "/ip4/127.0.0.1/tcp/0");
            live.add(joined);
            net.dial(joined, target.dialAddrFrom(joined), null);
        } catch (Exception e) {
            Json.event("error").put("stage", "churn").put("message", String.valueOf(e)).print();
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
