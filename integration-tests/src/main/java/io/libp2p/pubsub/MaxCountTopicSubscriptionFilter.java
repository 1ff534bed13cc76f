package io.libp2p.pubsub;

import java.util.Collection;
import java.util.List;

/** Bounds subscriptions per RPC and per peer, then applies a topic filter (Teku: 200, 1000, relevant topics). */
public final class MaxCountTopicSubscriptionFilter implements TopicSubscriptionFilter {
    private final int maxSubscriptionsPerRequest;
    private final int maxSubscribedTopics;
    private final TopicSubscriptionFilter filter;

    public MaxCountTopicSubscriptionFilter(int maxSubscriptionsPerRequest, int maxSubscribedTopics, TopicSubscriptionFilter filter) {
        this.maxSubscriptionsPerRequest = maxSubscriptionsPerRequest;
        this.maxSubscribedTopics = maxSubscribedTopics;
        this.filter = filter;
    }

    @Override
    public boolean canSubscribe(String topic) {
        return filter.canSubscribe(topic);
    }

    @Override
    public List<PubsubSubscription> filterIncomingSubscriptions(Collection<PubsubSubscription> subscriptions,
            Collection<String> currentlySubscribed) {
        if (subscriptions.size() > maxSubscriptionsPerRequest) {
            throw new InvalidMessageException("Too many subscriptions in one request: " + subscriptions.size());
        }
        List<PubsubSubscription> ok = filter.filterIncomingSubscriptions(subscriptions, currentlySubscribed);
        long added = ok.stream().filter(s -> s.getSubscribe() && !currentlySubscribed.contains(s.getTopic())).count();
        if (currentlySubscribed.size() + added > maxSubscribedTopics) {
            throw new InvalidMessageException("Too many subscribed topics");
        }
        return ok;
    }
}
