package dev.privacyagent.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.privacyagent.agent.log.AgentLog;
import dev.privacyagent.agent.log.Level;
import dev.privacyagent.bootstrap.PrivacyBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

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
  public ElementMatcher<TypeDescription> types() {
    return named(QUIC_TRANSPORT).and(QuicTransportHook::checked);
  }

  /** True always: a QuicTransport without the hooked constructor costs one warning, no more. */
  private static boolean checked(TypeDescription type) {
    if (type.getDeclaredMethods().filter(constructor()).isEmpty()) {
      AgentLog.once(Level.WARN, "quic-constructor",
          QUIC_TRANSPORT + " has no (PrivKey, String, List, QuicConfig) constructor; QUIC connections"
              + " are named from their addresses only");
    }
    return true;
  }

  static ElementMatcher.Junction<MethodDescription> constructor() {
    return isConstructor()
        .and(takesArguments(4))
        .and(takesArgument(0, named("io.libp2p.core.crypto.PrivKey")))
        .and(takesArgument(1, String.class))
        .and(takesArgument(2, named("java.util.List")))
        .and(takesArgument(3, named("io.libp2p.transport.quic.QuicConfig")));
  }

  @Override
  public AsmVisitorWrapper advice() {
    return Advice.to(Exit.class).on(constructor());
  }

  static final class Exit {
    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Object transport) {
      PrivacyBridge.transportCreated(transport, QUIC_SECURITY);
    }
  }
}
