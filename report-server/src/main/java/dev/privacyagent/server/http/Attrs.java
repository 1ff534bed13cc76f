package dev.privacyagent.server.http;

import io.netty.util.AttributeKey;

/** Per-connection flags shared by the pipeline's handlers. */
final class Attrs {
  static final AttributeKey<Boolean> REFUSED = AttributeKey.valueOf("pa.refused");
  static final AttributeKey<ConnectionSlot> SLOT = AttributeKey.valueOf("pa.slot");

  private Attrs() {}
}
