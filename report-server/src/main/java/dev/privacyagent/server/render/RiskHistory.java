package dev.privacyagent.server.render;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** The last risk scores the server has seen, one per report version, for the trend line. */
public final class RiskHistory {
  /** One point of the trend. */
  public record Point(long wallMillis, double score) {}

  private final int capacity;
  private final ArrayDeque<Point> points = new ArrayDeque<>();

  public RiskHistory(int capacity) {
    this.capacity = capacity;
  }

  public synchronized void add(long wallMillis, double score) {
    if (points.size() == capacity) {
      points.removeFirst();
    }
    points.addLast(new Point(wallMillis, score));
  }

  public synchronized List<Point> points() {
    return new ArrayList<>(points);
  }
}
