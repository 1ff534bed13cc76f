package dev.privacyagent.agent.instrument;

import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * One instrumented concern: which jvm-libp2p types it touches and the advice it weaves into them.
 * Advice only calls {@code dev.privacyagent.bootstrap.PrivacyBridge}.
 */
public interface Hook {
  String name();

  ElementMatcher<TypeDescription> types();

  AsmVisitorWrapper advice();
}
