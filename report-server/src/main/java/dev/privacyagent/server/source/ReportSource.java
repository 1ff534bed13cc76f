package dev.privacyagent.server.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.privacyagent.analyzer.event.Event;
import java.util.List;

/**
 * What the report server serves. Implementations adapt either the live collector and analyzer
 * (agent) or a fixed offline report ({@code analyze --serve}). Every method is called on the
 * server's own threads, never on the application's, and must return immutable values.
 */
public interface ReportSource {

  /**
   * The newest report. The same {@link ReportView#version()} must mean the same content: the
   * server caches everything it renders per version.
   */
  ReportView current();

  /** Up to {@code limit} raw events with {@code seq > since}, oldest first. */
  List<Event> eventsSince(long since, int limit);

  /**
   * Checks a mock proof given as JSON (as served by {@code /api/proofs}) against the current
   * report.
   *
   * @throws IllegalArgumentException when the JSON is not a proof at all; its message is a fixed
   *     description that may be shown to the client
   */
  ProofCheck verifyProof(JsonNode proof);
}
