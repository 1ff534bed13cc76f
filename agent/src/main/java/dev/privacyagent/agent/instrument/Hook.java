package dev.privacyagent.agent.instrument;

import dev.privacyagent.agent.instrument.spec.Site;
import dev.privacyagent.agent.instrument.spec.TypeSpec;
import java.util.List;

/**
 * One instrumented concern: which jvm-libp2p types it touches and which advice goes into which of
 * their methods. Declared as plain data so that the start-up weaver (ASM, no type resolution) and
 * the attach path (Byte Buddy) weave the same thing. Advice only calls the bootstrap bridges.
 */
public interface Hook {
  String name();

  TypeSpec types();

  List<Site> sites();

  /**
   * One warning, given once, when a type this hook selects has no method any of its sites matches
   * (another version of the class); null when that needs no warning.
   */
  default String unmatched() {
    return null;
  }
}
