package dev.privacyagent.agent.instrument.fast;

import java.util.concurrent.CompletableFuture;

/** Compiled by javac, woven by the tests: branches, loops, handlers, wide locals, throws. */
public class WovenTarget {
  public final String a;
  public int c;

  public WovenTarget(String a, boolean early) {
    this.a = a;
    if (early) {
      return;
    }
    this.c = 1;
  }

  public String plain(String s) {
    return s + "!";
  }

  public long busy(int x, long y, String s) {
    if (x > 0) {
      return y + x;
    }
    long acc = y;
    for (int i = 0; i < 3; i++) {
      acc += i;
    }
    try {
      if (s == null) {
        throw new IllegalStateException("null");
      }
    } catch (IllegalStateException e) {
      return -1;
    }
    double d = acc * 1.5;
    return (long) d;
  }

  public CompletableFuture<String> fails(String s) {
    if (s.isEmpty()) {
      return CompletableFuture.completedFuture("empty");
    }
    throw new IllegalArgumentException(s);
  }

  public void nothing(Object o) {
    if (o == null) {
      return;
    }
    o.hashCode();
  }

  public static String twice(String v) {
    return v + v;
  }
}
