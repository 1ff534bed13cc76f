package io.libp2p.wiretest;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.function.UnaryOperator;

/** Two embedded channels wired back to back: bytes one writes are read by the other. */
public final class EmbeddedPair {
    public final EmbeddedChannel a = new EmbeddedChannel();
    public final EmbeddedChannel b = new EmbeddedChannel();

    /** Moves bytes both ways until nothing moves; {@code aToB} may alter what a sends. */
    public void pump(UnaryOperator<ByteBuf> aToB) {
        boolean moved = true;
        while (moved) {
            moved = false;
            a.runPendingTasks();
            b.runPendingTasks();
            ByteBuf m;
            while ((m = a.readOutbound()) != null) {
                moved = true;
                if (b.isOpen()) {
                    b.writeInbound(aToB.apply(m));
                } else {
                    m.release();
                }
            }
            while ((m = b.readOutbound()) != null) {
                moved = true;
                if (a.isOpen()) {
                    a.writeInbound(m);
                } else {
                    m.release();
                }
            }
        }
    }

    public void pump() {
        pump(UnaryOperator.identity());
    }

    public void close() {
        a.finishAndReleaseAll();
        b.finishAndReleaseAll();
    }
}
