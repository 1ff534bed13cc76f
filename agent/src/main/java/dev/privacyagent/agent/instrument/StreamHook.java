package dev.privacyagent.agent.instrument;

import dev.privacyagent.agent.instrument.spec.MethodSpec;
import dev.privacyagent.agent.instrument.spec.Site;
import dev.privacyagent.agent.instrument.spec.TypeSpec;
import java.util.List;

import dev.privacyagent.bootstrap.PrivacyBridge;
import net.bytebuddy.asm.Advice;

/**
 * {@code StreamOverNetty}: the constructor (once per stream per side, whatever the muxer, QUIC
 * included, which {@code Host#addStreamVisitor} misses) and {@code writeAndFlush(Object)}, where
 * the identify message our node sends passes.
 */
public final class StreamHook implements Hook {
  @Override
  public String name() {
    return "streams";
  }

  @Override
  public TypeSpec types() {
    return TypeSpec.named("io.libp2p.transport.implementation.StreamOverNetty");
  }

  @Override
  public List<Site> sites() {
    return List.of(
        Site.of(Created.class,
            MethodSpec.constructor().argCount(3).arg(1, "io.libp2p.core.Connection").arg(2, "boolean")),
        Site.of(Write.class, MethodSpec.method("writeAndFlush").args("java.lang.Object").concrete()));
  }

  static final class Created {
    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Object stream) {
      PrivacyBridge.streamCreated(stream);
    }
  }

  static final class Write {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Object stream, @Advice.Argument(0) Object message) {
      PrivacyBridge.streamWrite(stream, message);
    }
  }
}
