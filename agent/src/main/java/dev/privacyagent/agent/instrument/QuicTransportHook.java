package dev.privacyagent.agent.instrument;

import dev.privacyagent.agent.instrument.spec.MethodSpec;
import dev.privacyagent.agent.instrument.spec.Site;
import dev.privacyagent.agent.instrument.spec.TypeSpec;
import dev.privacyagent.bootstrap.PrivacyBridge;
import java.util.List;
import net.bytebuddy.asm.Advice;

/**
 * {@code io.libp2p.transport.quic.QuicTransport(PrivKey, String, List, QuicConfig)} exit (jvm-libp2p
 * 1.3+; its factories and Kotlin default-argument constructors all end there): QUIC never passes the
 * security upgrade, because the libp2p TLS 1.3 handshake runs inside QUIC's own, so the transport
 * itself tells the agent that its connections carry {@code /tls/1.0.0}. Without the class nothing
 * is woven; with a different constructor one warning, and connections are still named from their
 * addresses.
 */
public final class QuicTransportHook implements Hook {
  static final String QUIC_TRANSPORT = "io.libp2p.transport.quic.QuicTransport";
  /** libp2p's QUIC spec: the TLS handshake of libp2p TLS 1.0.0 inside QUIC v1 / draft-29. */
  static final String QUIC_SECURITY = "/tls/1.0.0";

  @Override
  public String name() {
    return "quic transport created";
  }

  @Override
  public TypeSpec types() {
    return TypeSpec.named(QUIC_TRANSPORT);
  }

  @Override
  public List<Site> sites() {
    return List.of(Site.of(Exit.class, constructor()));
  }

  /** A QuicTransport without the hooked constructor costs one warning, no more. */
  @Override
  public String unmatched() {
    return QUIC_TRANSPORT + " has no (PrivKey, String, List, QuicConfig) constructor; QUIC connections"
        + " are named from their addresses only";
  }

  static MethodSpec constructor() {
    return MethodSpec.constructor().args("io.libp2p.core.crypto.PrivKey", "java.lang.String", "java.util.List",
        "io.libp2p.transport.quic.QuicConfig");
  }

  static final class Exit {
    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Object transport) {
      PrivacyBridge.transportCreated(transport, QUIC_SECURITY);
    }
  }
}
