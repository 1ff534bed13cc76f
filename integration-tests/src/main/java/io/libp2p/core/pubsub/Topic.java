package io.libp2p.core.pubsub;

import java.util.Objects;

/** An application-level topic name (jvm-libp2p's Kotlin data class {@code Topic(topic)}). */
public final class Topic {
    private final String topic;

    public Topic(String topic) {
        this.topic = Objects.requireNonNull(topic, "topic");
    }

    public final String getTopic() {
        return topic;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Topic t && topic.equals(t.topic);
    }

    @Override
    public int hashCode() {
        return topic.hashCode();
    }

    @Override
    public String toString() {
        return "Topic(topic=" + topic + ")";
    }
}
