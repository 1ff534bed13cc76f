package io.libp2p.pubsub;

import io.libp2p.core.PeerId;
import io.libp2p.core.pubsub.ValidationResult;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import pubsub.pb.Rpc;

/** The message side of a pubsub router. */
public interface PubsubMessageRouter {
    PubsubProtocol getProtocol();

    kotlin.jvm.functions.Function1<Rpc.Message, PubsubMessage> getMessageFactory();

    CompletableFuture<kotlin.Unit> publish(PubsubMessage msg);

    /** The single handler of every unseen, router-valid message (the API dispatches to subscribers). */
    void initHandler(kotlin.jvm.functions.Function1<? super PubsubMessage, ? extends CompletableFuture<ValidationResult>> handler);

    void subscribe(String... topics);

    void unsubscribe(String... topics);

    CompletableFuture<Map<PeerId, Set<String>>> getPeerTopics();
}
