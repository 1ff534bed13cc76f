package dev.privacyagent.agent.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.privacyagent.bootstrap.GossipBridge;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class BootstrapClassListTest {
  /**
   * A bridge class missing from the injected list loads from the agent's own class loader, where
   * woven or generated code in the application cannot see it (the gossip listener class then
   * fell back to the slower proxy without a word).
   */
  @Test
  void everyCompiledBridgeClassIsInjected() throws Exception {
    Path classes = Path.of(GossipBridge.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path dir = classes.resolve("dev/privacyagent/bootstrap");
    List<String> compiled;
    try (Stream<Path> files = Files.list(dir)) {
      compiled = files.map(p -> "dev/privacyagent/bootstrap/" + p.getFileName()).filter(n -> n.endsWith(".class"))
          .toList();
    }
    assertThat(compiled).isNotEmpty();
    assertThat(BootstrapInjector.CLASSES).containsExactlyInAnyOrderElementsOf(compiled);
  }
}
