package dev.privacyagent.server.render;

import dev.privacyagent.server.source.ReportView;

/**
 * Everything served for one report version, rendered once. The byte arrays are never modified
 * after construction and are shared by all responses for that version.
 */
public record Rendered(
    long version, ReportView view, byte[] dashboard, byte[] peers, byte[] proofs, byte[] metrics) {

  public String etag() {
    return "\"v" + version + "\"";
  }
}
