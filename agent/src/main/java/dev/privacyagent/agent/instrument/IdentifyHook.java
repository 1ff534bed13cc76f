package dev.privacyagent.agent.instrument;

import dev.privacyagent.agent.instrument.spec.MethodSpec;
import dev.privacyagent.agent.instrument.spec.Site;
import dev.privacyagent.agent.instrument.spec.TypeSpec;
import java.util.List;

import dev.privacyagent.bootstrap.PrivacyBridge;
import net.bytebuddy.asm.Advice;

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
  public TypeSpec types() {
    return TypeSpec.named("io.libp2p.protocol.IdentifyProtocol$IdentifyRequesterChannelHandler");
  }

  @Override
  public List<Site> sites() {
    return List.of(Site.of(Enter.class,
        MethodSpec.method("onMessage").args("io.libp2p.core.Stream", "identify.pb.IdentifyOuterClass$Identify")
            .concrete()));
  }

  static final class Enter {
    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(0) Object stream, @Advice.Argument(1) Object message) {
      PrivacyBridge.identifyReceived(stream, message);
    }
  }
}
