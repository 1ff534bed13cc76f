package io.libp2p.pubsub;

/** A router-level (un)subscription of one topic (jvm-libp2p's data class; not the API handle). */
public record PubsubSubscription(String topic, boolean subscribe) {
    public String getTopic() {
        return topic;
    }

    public boolean getSubscribe() {
        return subscribe;
    }
}
