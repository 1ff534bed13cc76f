package io.libp2p.hosttest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Opt-in (-Dstress.iterations=N): the hang it hunts was never seen locally, so in the normal suite it would only
 * cost time without evidence. Also writes target/stress-classpath.txt for running {@link QuicStreamStress} directly.
 */
@EnabledIfSystemProperty(named = "stress.iterations", matches = "\\d+")
class QuicStreamStressTest {
    @Test
    void concurrentEchoStreamsBothWaysNeverHang() throws Exception {
        QuicStreamStress.writeClassPath();
        int[] hangsAndFailures = QuicStreamStress.stress(Integer.getInteger("stress.iterations"),
                Integer.getInteger("stress.streams", 30), 10_000);
        assertThat(hangsAndFailures).containsExactly(0, 0);
    }
}
