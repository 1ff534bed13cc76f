package dev.privacyagent.agent.instrument;

import dev.privacyagent.agent.instrument.spec.MethodSpec;
import dev.privacyagent.agent.instrument.spec.Site;
import dev.privacyagent.agent.instrument.spec.TypeSpec;
import java.util.List;

import dev.privacyagent.bootstrap.PrivacyBridge;
import net.bytebuddy.asm.Advice;

/**
 * {@code BroadcastConnectionHandler#handleConnection(Connection)}: runs once security and muxer
 * are set, for both directions. Nested broadcasts call it 2+ times per connection; the dispatcher
 * de-duplicates by identity.
 */
public final class ConnectionHook implements Hook {
  @Override
  public String name() {
    return "connection opened";
  }

  @Override
  public TypeSpec types() {
    return TypeSpec.named("io.libp2p.etc.BroadcastConnectionHandler");
  }

  @Override
  public List<Site> sites() {
    return List.of(Site.of(Enter.class,
        MethodSpec.method("handleConnection").args("io.libp2p.core.Connection").returns("void").concrete()));
  }

  static final class Enter {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(0) Object connection) {
      PrivacyBridge.connectionHandled(connection);
    }
  }
}
