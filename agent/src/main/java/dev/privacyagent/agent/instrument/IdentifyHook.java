package dev.privacyagent.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.privacyagent.bootstrap.PrivacyBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * {@code IdentifyProtocol$IdentifyRequesterChannelHandler#onMessage(Stream, Identify)}: the typed
 * method only. Its {@code onMessage(Stream, Object)} twin is a bridge that calls it; hooking both
 * would report every identify twice.
 */
public final class IdentifyHook implements Hook {
  @Override
  public String name() {
    return "identify received";
  }

  @Override
  public ElementMatcher<TypeDescription> types() {
    return named("io.libp2p.protocol.IdentifyProtocol$IdentifyRequesterChannelHandler");
  }

  @Override
  public AsmVisitorWrapper advice() {
    return Advice.to(Enter.class)
        .on(
            named("onMessage")
                .and(takesArguments(2))
                .and(takesArgument(0, named("io.libp2p.core.Stream")))
                .and(takesArgument(1, named("identify.pb.IdentifyOuterClass$Identify")))
                .and(Matchers.concrete()));
  }

  static final class Enter {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(0) Object stream, @Advice.Argument(1) Object message) {
      PrivacyBridge.identifyReceived(stream, message);
    }
  }
}
