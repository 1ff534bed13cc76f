package dev.privacyagent.server.source;

import com.fasterxml.jackson.databind.JsonNode;
import dev.privacyagent.analyzer.event.Event;
import java.util.List;
import java.util.function.Function;

/**
 * An offline report that never changes ({@code analyze FILE... --serve}): one view and the
 * events it was computed from.
 */
public final class FixedReportSource implements ReportSource {
  private final ReportView view;
  private final List<Event> events;
  private final Function<JsonNode, ProofCheck> verifier;

  /**
   * @param events the analysed events, in seq order
   * @param verifier checks a proof; throws IllegalArgumentException for a non-proof
   */
  public FixedReportSource(ReportView view, List<Event> events, Function<JsonNode, ProofCheck> verifier) {
    this.view = view;
    this.events = List.copyOf(events);
    this.verifier = verifier;
  }

  @Override
  public ReportView current() {
    return view;
  }

  @Override
  public List<Event> eventsSince(long since, int limit) {
    return EventWindow.since(events, since, limit);
  }

  @Override
  public ProofCheck verifyProof(JsonNode proof) {
    return verifier.apply(proof);
  }
}
