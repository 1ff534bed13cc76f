package io.libp2p.core.pubsub;

import io.libp2p.core.crypto.PrivKey;
import java.util.concurrent.atomic.AtomicLong;

/** The application's pubsub API (subscribe, publish, peer topics). */
public interface PubsubApi extends PubsubSubscriberApi {
    /** A publisher whose seqno counts up from {@code initSeqId}. */
    default PubsubPublisherApi createPublisher(PrivKey privKey, long initSeqId) {
        AtomicLong seq = new AtomicLong(initSeqId);
        return createPublisher(privKey, seq::incrementAndGet);
    }

    /**
     * With a key: messages carry {@code from}, {@code seqno}, {@code signature} and {@code key}
     * (StrictSign). Without ({@code null}, and a generator returning null): {@code data} and topics only.
     */
    PubsubPublisherApi createPublisher(PrivKey privKey, kotlin.jvm.functions.Function0<Long> seqIdGenerator);
}
