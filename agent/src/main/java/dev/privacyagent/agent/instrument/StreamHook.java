package dev.privacyagent.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.privacyagent.bootstrap.PrivacyBridge;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

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
  public ElementMatcher<TypeDescription> types() {
    return named("io.libp2p.transport.implementation.StreamOverNetty");
  }

  @Override
  public AsmVisitorWrapper advice() {
    return new AsmVisitorWrapper.Compound(
        Advice.to(Created.class)
            .on(
                isConstructor()
                    .and(takesArguments(3))
                    .and(takesArgument(1, named("io.libp2p.core.Connection")))
                    .and(takesArgument(2, boolean.class))),
        Advice.to(Write.class)
            .on(
                named("writeAndFlush")
                    .and(takesArguments(1))
                    .and(takesArgument(0, Object.class))
                    .and(Matchers.concrete())));
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
