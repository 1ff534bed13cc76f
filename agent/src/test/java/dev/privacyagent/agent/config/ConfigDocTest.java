package dev.privacyagent.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/configuration.md must list every key with its default and both alternative spellings. */
class ConfigDocTest {
  @Test
  void everyKeyIsDocumented() throws Exception {
    String doc = Files.readString(Path.of(System.getProperty("docs.dir", "../docs"), "configuration.md"));
    for (ConfigKey k : ConfigKey.values()) {
      assertThat(doc).as(k.key()).contains("`" + k.key() + "`");
      assertThat(doc).as(k.key()).contains(k.environmentVariable());
      if (!k.defaultValue().isEmpty()) {
        assertThat(doc).as(k.key()).contains("`" + k.defaultValue() + "`");
      }
    }
  }
}
