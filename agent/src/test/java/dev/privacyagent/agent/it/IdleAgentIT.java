package dev.privacyagent.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.modifier.MethodManifestation;
import net.bytebuddy.description.modifier.Visibility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real jar under -javaagent in a JVM without jvm-libp2p. */
class IdleAgentIT {

  private static List<String> withAgent(String agentArgs) {
    String agent = "-javaagent:" + Jvm.AGENT_JAR + (agentArgs == null ? "" : "=" + agentArgs);
    return List.of(agent, "-cp", Jvm.TEST_CLASSES, TrivialMain.class.getName());
  }

  @Test
  void idlesWithExactlyOneWarningWhenJvmLibp2pIsAbsent() throws Exception {
    Jvm.Result r = Jvm.run(withAgent(null), 60);
    assertThat(r.exit()).isZero();
    assertThat(r.stdout()).contains("trivial main ran");
    assertThat(r.stderrLines()).as(r.stderr()).hasSize(1);
    assertThat(r.stderrLines().get(0))
        .startsWith("[privacy-agent] WARN ")
        .contains("jvm-libp2p not found")
        .contains("stays idle");
  }

  @Test
  void idlesWithExactlyOneWarningOnAPre10JvmLibp2p(@TempDir Path dir) throws Exception {
    // class files shaped like jvm-libp2p 0.8: a Host, and Transport.listen with two arguments only
    new ByteBuddy().makeInterface().name("io.libp2p.core.Host").make().saveIn(dir.toFile());
    new ByteBuddy().makeInterface().name("io.libp2p.core.transport.Transport")
        .defineMethod("listen", CompletableFuture.class, Visibility.PUBLIC, MethodManifestation.ABSTRACT)
        .withParameters(Object.class, Object.class).withoutCode()
        .make().saveIn(dir.toFile());
    assertThat(Files.exists(dir.resolve("io/libp2p/core/Host.class"))).isTrue();
    String cp = Jvm.TEST_CLASSES + java.io.File.pathSeparator + dir;
    Jvm.Result r = Jvm.run(
        List.of("-javaagent:" + Jvm.AGENT_JAR, "-cp", cp, TrivialMain.class.getName()), 60);
    assertThat(r.exit()).isZero();
    assertThat(r.stdout()).contains("trivial main ran");
    assertThat(r.stderrLines()).as(r.stderr()).singleElement().asString()
        .startsWith("[privacy-agent] WARN unsupported jvm-libp2p")
        .contains("1.0.0 and later")
        .contains("stays idle");
  }

  @Test
  void disabledSaysSoAndDoesNothingElse() throws Exception {
    Jvm.Result r = Jvm.run(withAgent("enabled=false"), 60);
    assertThat(r.exit()).isZero();
    assertThat(r.stderrLines()).containsExactly("[privacy-agent] disabled (enabled=false)");
  }

  @Test
  void badConfigurationIsOneClearErrorAndTheApplicationRuns() throws Exception {
    Jvm.Result r = Jvm.run(withAgent("port=http"), 60);
    assertThat(r.exit()).isZero();
    assertThat(r.stdout()).contains("trivial main ran");
    assertThat(r.stderrLines()).singleElement().asString()
        .startsWith("[privacy-agent] ERROR ")
        .contains("bad value 'http' from agent argument 'port'")
        .contains("stays off");
  }

  @Test
  void logOffSilencesTheWarning() throws Exception {
    Jvm.Result r = Jvm.run(withAgent("log=off"), 60);
    assertThat(r.exit()).isZero();
    assertThat(r.stderr()).isEmpty();
  }
}
