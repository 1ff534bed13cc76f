package io.libp2p.core.pubsub;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import io.libp2p.core.PeerId;

/** Subscribing side of the pubsub API. Receivers are invoked on the router's event thread. */
public interface PubsubSubscriberApi {
    PubsubSubscription subscribe(Function<MessageApi, CompletableFuture<ValidationResult>> receiver, Topic... topics);

    /** A receiver that accepts every message: funnels into the validating form. */
    default PubsubSubscription subscribe(Consumer<MessageApi> receiver, Topic... topics) {
        return subscribe(m -> {
            receiver.accept(m);
            return PubsubApiKt.getRESULT_VALID();
        }, topics);
    }

    CompletableFuture<Map<PeerId, Set<Topic>>> getPeerTopics();
}
