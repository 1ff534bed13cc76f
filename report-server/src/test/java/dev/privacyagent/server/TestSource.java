package dev.privacyagent.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.privacyagent.analyzer.event.Event;
import dev.privacyagent.server.source.EventWindow;
import dev.privacyagent.server.source.ProofCheck;
import dev.privacyagent.server.source.ReportSource;
import dev.privacyagent.server.source.ReportView;
import java.util.List;

/** A report source the test changes at will, like a live collector would. */
final class TestSource implements ReportSource {
  private volatile ReportView view;
  private volatile List<Event> events;

  TestSource(ReportView view) {
    this.view = view;
    this.events = Fixtures.events(view.generatedWallMillis());
  }

  void publish(ReportView v) {
    view = v;
  }

  @Override
  public ReportView current() {
    return view;
  }

  @Override
  public List<Event> eventsSince(long since, int limit) {
    return EventWindow.since(events, since, limit);
  }

  /** Valid iff the commitment is the fixture's; a proof needs a commitmentHex string. */
  @Override
  public ProofCheck verifyProof(JsonNode proof) {
    JsonNode c = proof.get("commitmentHex");
    if (c == null || !c.isTextual()) {
      throw new IllegalArgumentException("commitmentHex missing");
    }
    boolean ok = "abc123".equals(c.asText());
    return new ProofCheck(ok, ok ? "commitment matches" : "commitment does not match");
  }
}
