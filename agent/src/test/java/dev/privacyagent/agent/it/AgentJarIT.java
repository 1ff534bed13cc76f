package dev.privacyagent.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** What the shipped jar contains and declares. */
class AgentJarIT {
  @Test
  void manifestDeclaresAgentAndMain() throws Exception {
    try (JarFile jar = new JarFile(Jvm.AGENT_JAR)) {
      Attributes a = jar.getManifest().getMainAttributes();
      assertThat(a.getValue("Premain-Class")).isEqualTo("dev.privacyagent.agent.AgentEntry");
      assertThat(a.getValue("Agent-Class")).isEqualTo("dev.privacyagent.agent.AgentEntry");
      assertThat(a.getValue("Main-Class")).isEqualTo("dev.privacyagent.agent.cli.Main");
      assertThat(a.getValue("Can-Retransform-Classes")).isEqualTo("true");
      assertThat(a.getValue("Can-Redefine-Classes")).isEqualTo("true");
      assertThat(a.getValue("Launcher-Agent-Class")).isNull();
    }
  }

  @Test
  void everyClassIsOursOrRelocatedAndNoneIsJvmLibp2p() throws Exception {
    List<String> foreign = new ArrayList<>();
    int classes = 0;
    try (JarFile jar = new JarFile(Jvm.AGENT_JAR)) {
      for (JarEntry e : Collections.list(jar.entries())) {
        String n = e.getName();
        if (n.endsWith(".class")) {
          classes++;
          if (!n.startsWith("dev/privacyagent/")) {
            foreign.add(n);
          }
        }
        assertThat(n).doesNotStartWith("io/libp2p/").doesNotStartWith("META-INF/native/");
      }
      assertThat(jar.getEntry("dev/privacyagent/shaded/net/bytebuddy/agent/builder/AgentBuilder.class")).isNotNull();
      assertThat(jar.getEntry("dev/privacyagent/shaded/io/netty/channel/Channel.class")).isNotNull();
      assertThat(jar.getEntry("dev/privacyagent/shaded/com/fasterxml/jackson/core/JsonFactory.class")).isNotNull();
      assertThat(jar.getEntry("dev/privacyagent/bootstrap/PrivacyBridge.class")).isNotNull();
    }
    assertThat(classes).isGreaterThan(1000);
    assertThat(foreign).isEmpty();
  }
}
