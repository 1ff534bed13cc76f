package dev.privacyagent.server.http;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;

/** The {@code ?node=ID|NAME} query parameter: a local node's peer id or name. */
final class NodeParam {
  static final int MAX_LENGTH = 256;

  private NodeParam() {}

  /** The value, or null when absent; a repeated, empty or overlong one is an error. */
  static String of(FullHttpRequest req) {
    return of(new QueryStringDecoder(req.uri()).parameters().get("node"));
  }

  static String of(List<String> values) {
    if (values == null) {
      return null;
    }
    if (values.size() != 1) {
      throw new IllegalArgumentException("node must be given once");
    }
    String v = values.get(0);
    if (v.isEmpty() || v.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("node must be a peer id or node name of 1 to " + MAX_LENGTH + " characters");
    }
    return v;
  }
}
