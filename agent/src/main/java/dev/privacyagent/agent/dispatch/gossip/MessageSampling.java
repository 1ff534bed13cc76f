package dev.privacyagent.agent.dispatch.gossip;

import java.util.Locale;

/**
 * Which received messages get a {@code GossipMessageReceived} event of their own (config key
 * {@code gossipMessages}): none, one in {@code every} or all. Counts always come from the
 * per-interval stats. The choice is by message id, so that every node running the agent keeps the
 * same messages, and all copies of a kept message (first and duplicates) are kept together.
 */
public record MessageSampling(Mode mode, int every) {
  public enum Mode { OFF, SAMPLED, ALL }

  /** One in this many by default: a mainnet-like day stays far below 1 GB (docs/performance.md). */
  public static final int DEFAULT_EVERY = 1024;

  public static final MessageSampling DEFAULT = new MessageSampling(Mode.SAMPLED, DEFAULT_EVERY);

  public MessageSampling {
    if (every < 1) {
      throw new IllegalArgumentException("every must be at least 1");
    }
  }

  /**
   * {@code off}, {@code all}, {@code sampled} (one in {@value #DEFAULT_EVERY}) or
   * {@code sampled:N}.
   *
   * @throws IllegalArgumentException on anything else
   */
  public static MessageSampling parse(String value) {
    String v = value.trim().toLowerCase(Locale.ROOT);
    switch (v) {
      case "off":
        return new MessageSampling(Mode.OFF, 1);
      case "all":
        return new MessageSampling(Mode.ALL, 1);
      case "sampled":
        return DEFAULT;
      default:
        if (v.startsWith("sampled:")) {
          try {
            int n = Integer.parseInt(v.substring("sampled:".length()));
            if (n >= 1) {
              return new MessageSampling(Mode.SAMPLED, n);
            }
          } catch (NumberFormatException e) {
            // falls through to the error
          }
        }
        throw new IllegalArgumentException("expected off, sampled, sampled:N (N >= 1) or all");
    }
  }

  /** The choice for a message without an id: only {@code all} keeps it. */
  boolean keepsWithoutId() {
    return mode == Mode.ALL;
  }

  /**
   * The choice by the id's {@link MessageFacts#fingerprint} (a 64-bit hash of its bytes, the same
   * on every node): the bits above 32 of a multiplicative mix, one in {@code every}.
   */
  boolean keeps(long fingerprint) {
    return switch (mode) {
      case ALL -> true;
      case OFF -> false;
      case SAMPLED -> {
        int x = (int) ((fingerprint * 0x9E3779B97F4A7C15L) >>> 33); // 31 bits: never negative
        // the default (and any power of two) by a mask, the same choice as the division makes,
        // which costs a few nanoseconds on every delivery
        yield (every & (every - 1)) == 0 ? (x & (every - 1)) == 0 : x % every == 0;
      }
    };
  }

  @Override
  public String toString() {
    return mode == Mode.SAMPLED ? "sampled:" + every : mode.name().toLowerCase(Locale.ROOT);
  }
}
