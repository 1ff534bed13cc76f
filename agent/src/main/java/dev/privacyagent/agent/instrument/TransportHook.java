package dev.privacyagent.agent.instrument;

import dev.privacyagent.agent.instrument.spec.MethodSpec;
import dev.privacyagent.agent.instrument.spec.Site;
import dev.privacyagent.agent.instrument.spec.TypeSpec;
import java.util.List;

import dev.privacyagent.bootstrap.PrivacyBridge;
import net.bytebuddy.asm.Advice;

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
  public TypeSpec types() {
    return TypeSpec.implementing("io.libp2p.core.transport.Transport");
  }

  @Override
  public List<Site> sites() {
    return List.of(
        Site.of(AddressCall.class, threeArg("dial"), PrivacyBridge.DIAL),
        Site.of(AddressCall.class, threeArg("listen"), PrivacyBridge.LISTEN),
        Site.of(AddressCall.class,
            MethodSpec.method("unlisten").args(MULTIADDR).returns(FUTURE).concrete(), PrivacyBridge.UNLISTEN),
        Site.of(Close.class, MethodSpec.method("close").argCount(0).returns(FUTURE).concrete()));
  }

  private static MethodSpec threeArg(String name) {
    return MethodSpec.method(name).args(MULTIADDR, HANDLER, VISITOR).returns(FUTURE).concrete();
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
