package dev.privacyagent.analyzer.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.privacyagent.analyzer.report.Report;
import java.io.IOException;

/**
 * The report as JSON: the record component names are the field names (stable API, also served
 * by the HTTP server), pretty-printed or compact. {@link #parse} reads it back into an equal
 * {@link Report}. Jackson escapes every string, and additionally {@code <}, {@code >} and {@code
 * &} are written as {@code \\u} escapes so the JSON can be embedded in HTML safely.
 */
public final class JsonRenderer implements ReportRenderer {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .enable(DeserializationFeature.USE_LONG_FOR_INTS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
      .build();

  static {
    MAPPER.getFactory().setCharacterEscapes(new HtmlSafeJsonEscapes());
  }

  private final boolean pretty;

  public JsonRenderer() {
    this(true);
  }

  public JsonRenderer(boolean pretty) {
    this.pretty = pretty;
  }

  /** The shared, configured mapper (for callers that serialize parts of a report). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  @Override
  public String contentType() {
    return "application/json; charset=utf-8";
  }

  @Override
  public void render(Report report, Appendable out) throws IOException {
    out.append(render(report));
  }

  @Override
  public String render(Report report) {
    try {
      return pretty
          ? MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report) + "\n"
          : MAPPER.writeValueAsString(report);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("report not serializable: " + e.getMessage(), e);
    }
  }

  /** Reads a report written by {@link #render}; a malformed document gives IOException. */
  public static Report parse(String json) throws IOException {
    return MAPPER.readValue(json, Report.class);
  }
}
