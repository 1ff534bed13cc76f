package io.libp2p.pubsub;

import java.util.Collection;
import java.util.List;

/** Which topics a remote peer may (un)subscribe to; a rejected subscription drops the whole RPC. */
public interface TopicSubscriptionFilter {
    boolean canSubscribe(String topic);

    /** The subscriptions of one RPC that pass; throws when the RPC must be dropped as a whole. */
    default List<PubsubSubscription> filterIncomingSubscriptions(Collection<PubsubSubscription> subscriptions,
            Collection<String> currentlySubscribed) {
        for (PubsubSubscription s : subscriptions) {
            if (!canSubscribe(s.getTopic())) {
                throw new InvalidMessageException("Subscription to a disallowed topic");
            }
        }
        return List.copyOf(subscriptions);
    }

    /** Lets every topic through. */
    TopicSubscriptionFilter ALLOW_ALL = topic -> true;
}
