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
 * Transport implementations: {@code dial} and {@code listen} (three-argument forms only, the
 * two-argument ones are defaults that call them), {@code unlisten(Multiaddr)} and {@code close()}.
 * A transport may delegate to another hooked one (jvm-libp2p 1.3's {@code NettyTransport}
 * delegates); only the outermost call on a thread reports, so nothing is counted twice.
 */
public final class TransportHook implements Hook {
  private static final String MULTIADDR = "io.libp2p.core.multiformats.Multiaddr";
  private static final String HANDLER = "io.libp2p.core.ConnectionHandler";
  private static final String VISITOR = "io.libp2p.core.ChannelVisitor";
  private static final String FUTURE = "java.util.concurrent.CompletableFuture";

  @Override
  public String name() {
    return "transport dial/listen";
  }

  @Override
  public ElementMatcher<TypeDescription> types() {
    return Matchers.implementing("io.libp2p.core.transport.Transport");
  }

  @Override
  public AsmVisitorWrapper advice() {
    return new AsmVisitorWrapper.Compound(
        addressCall(PrivacyBridge.DIAL).on(threeArg("dial")),
        addressCall(PrivacyBridge.LISTEN).on(threeArg("listen")),
        addressCall(PrivacyBridge.UNLISTEN)
            .on(
                named("unlisten")
                    .and(takesArguments(1))
                    .and(takesArgument(0, named(MULTIADDR)))
                    .and(returns(named(FUTURE)))
                    .and(Matchers.concrete())),
        Advice.to(Close.class)
            .on(named("close").and(takesArguments(0)).and(returns(named(FUTURE))).and(Matchers.concrete())));
  }

  /** {@link AddressCall} with its {@link Kind} bound to {@code kind}. */
  private static Advice addressCall(int kind) {
    return Advice.withCustomMapping().bind(Kind.class, kind).to(AddressCall.class);
  }

  private static ElementMatcher.Junction<net.bytebuddy.description.method.MethodDescription> threeArg(
      String name) {
    return named(name)
        .and(takesArguments(3))
        .and(takesArgument(0, named(MULTIADDR)))
        .and(takesArgument(1, named(HANDLER)))
        .and(takesArgument(2, named(VISITOR)))
        .and(returns(named(FUTURE)))
        .and(Matchers.concrete());
  }

  /** dial, listen and unlisten: a transport method taking the address as argument 0. */
  static final class AddressCall {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static int enter(@Kind int kind) {
      return PrivacyBridge.enter(kind);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Kind int kind,
        @Advice.This Object transport,
        @Advice.Argument(0) Object addr,
        @Advice.Return Object future,
        @Advice.Thrown Throwable thrown,
        @Advice.Enter int depth) {
      PrivacyBridge.addressExit(kind, transport, addr, future, thrown, depth);
    }
  }

  static final class Close {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static int enter() {
      return PrivacyBridge.enter(PrivacyBridge.CLOSE);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(
        @Advice.This Object transport, @Advice.Return Object future, @Advice.Enter int depth) {
      PrivacyBridge.transportClosed(transport, future, depth);
    }
  }
}
