package dev.privacyagent.analyzer.collect.gossip;

import java.util.List;

/**
 * One topic our node subscribed to at some point, with its subscription periods.
 *
 * @param periods the newest {@value GossipLimits#PERIODS_PER_TOPIC} subscription periods, oldest
 *     first; an open period has {@code toWall} 0
 * @param subscriptions how many times the node subscribed (periods may be fewer)
 * @param preexisting the subscription was already there at attach
 */
public record LocalTopic(String topic, List<Period> periods, long subscriptions, boolean preexisting) {
  public LocalTopic {
    periods = List.copyOf(periods);
  }

  /** A subscription period, {@code toWall} 0 while still subscribed. */
  public record Period(long fromWall, long toWall) {
    public long millis(long nowWall) {
      return (toWall == 0 ? nowWall : toWall) - fromWall;
    }

    public boolean covers(long wall) {
      return wall >= fromWall && (toWall == 0 || wall <= toWall);
    }
  }

  public boolean subscribedNow() {
    return !periods.isEmpty() && periods.get(periods.size() - 1).toWall() == 0;
  }

  /** The period covering {@code wall}, or null. */
  public Period periodAt(long wall) {
    for (int i = periods.size() - 1; i >= 0; i--) {
      if (periods.get(i).covers(wall)) {
        return periods.get(i);
      }
    }
    return null;
  }

  /** Total subscribed time of the kept periods up to {@code nowWall}. */
  public long subscribedMillis(long nowWall) {
    long n = 0;
    for (Period p : periods) {
      n += Math.max(0, p.millis(nowWall));
    }
    return n;
  }
}
