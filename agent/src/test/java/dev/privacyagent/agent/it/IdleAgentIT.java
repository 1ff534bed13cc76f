package dev.privacyagent.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

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
