package dev.privacyagent.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.privacyagent.bootstrap.PrivacyBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

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
  public ElementMatcher<TypeDescription> types() {
    return named("io.libp2p.etc.BroadcastConnectionHandler");
  }

  @Override
  public AsmVisitorWrapper advice() {
    return Advice.to(Enter.class)
        .on(
            named("handleConnection")
                .and(takesArguments(1))
                .and(takesArgument(0, named("io.libp2p.core.Connection")))
                .and(returns(void.class))
                .and(Matchers.concrete()));
  }

  static final class Enter {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(0) Object connection) {
      PrivacyBridge.connectionHandled(connection);
    }
  }
}
