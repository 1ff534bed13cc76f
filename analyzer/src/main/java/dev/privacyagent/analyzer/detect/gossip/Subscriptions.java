package dev.privacyagent.analyzer.detect.gossip;

import dev.privacyagent.analyzer.collect.gossip.GossipView;
import dev.privacyagent.analyzer.collect.gossip.LocalTopic;
import dev.privacyagent.analyzer.collect.gossip.OwnPublish;
import java.util.TreeSet;

/** How our own subscriptions look to a peer: long-lived (backbone) or short-lived. */
final class Subscriptions {
  private Subscriptions() {}

  /** What a publish gives away about the duty behind it. */
  enum Cover {
    /** on a topic we hold long-lived: indistinguishable from our backbone traffic by topic */
    LONG_LIVED,
    /** on a topic we were not subscribed to: only a duty explains it (fanout) */
    UNSUBSCRIBED,
    /** inside a short-lived subscription: the SUBSCRIBE/UNSUBSCRIBE pair brackets the duty */
    BRACKETED
  }

  static boolean longLived(LocalTopic.Period p, GossipView v, GossipSettings s) {
    long now = v.lastWallMillis();
    long span = Math.max(1, now - v.firstWallMillis());
    long len = p.millis(now);
    return len >= s.longLivedMillis() || len >= s.longLivedShare() * span;
  }

  static Cover cover(OwnPublish p, GossipView v, GossipSettings s) {
    if (!p.subscribed()) {
      return Cover.UNSUBSCRIBED;
    }
    LocalTopic.Period period = new LocalTopic.Period(p.subscribedSinceWall(), p.subscribedUntilWall());
    return longLived(period, v, s) ? Cover.LONG_LIVED : Cover.BRACKETED;
  }

  /** Topics we hold long-lived now (the backbone an observer sees in our SUBSCRIBEs). */
  static TreeSet<String> longLivedTopics(GossipView v, GossipSettings s) {
    TreeSet<String> out = new TreeSet<>();
    for (LocalTopic t : v.localTopics().values()) {
      if (t.subscribedNow() && longLived(t.periods().get(t.periods().size() - 1), v, s)) {
        out.add(t.topic());
      }
    }
    return out;
  }
}
