package dev.privacyagent.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.privacyagent.agent.log.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

  @Test
  void defaultsWhenNothingIsSet() throws Exception {
    AgentConfig c = ConfigLoader.load(null, Map.of(), Map.of());
    assertThat(c.enabled()).isTrue();
    assertThat(c.port()).isEqualTo(7878);
    assertThat(c.bind()).isEqualTo("127.0.0.1");
    assertThat(c.token()).isEmpty();
    assertThat(c.events()).isNull();
    assertThat(c.eventsMaxSize()).isEqualTo(64L << 20);
    assertThat(c.window()).isEqualTo(Duration.ofMinutes(10));
    assertThat(c.maxMemory()).isEqualTo(64L << 20);
    assertThat(c.log()).isEqualTo(Level.INFO);
    assertThat(c.summaryInterval()).isEqualTo(Duration.ofSeconds(60));
    assertThat(c.serverEnabled()).isTrue();
    assertThat(c.faultInjection()).isFalse();
    assertThat(c.gossip().sampling().toString()).isEqualTo("sampled:1024");
    assertThat(c.gossip().statsInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.gossip().faults()).isFalse();
  }

  @Test
  void gossipKeys() throws Exception {
    AgentConfig c = ConfigLoader.load("gossipMessages=sampled:10,gossipInterval=5s,faultInjection=throw",
        Map.of(), Map.of());
    assertThat(c.gossip().sampling().toString()).isEqualTo("sampled:10");
    assertThat(c.gossip().statsInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.gossip().faults()).isTrue();
    assertThat(ConfigLoader.load(null, Map.of("privacyagent.gossipMessages", "all"), Map.of())
        .gossip().sampling().toString()).isEqualTo("all");
    assertThat(ConfigLoader.load(null, Map.of(), Map.of("PRIVACY_AGENT_GOSSIP_MESSAGES", "off"))
        .gossip().sampling().toString()).isEqualTo("off");
    assertThatThrownBy(() -> ConfigLoader.load("gossipMessages=most", Map.of(), Map.of()))
        .hasMessageContaining("gossipMessages").hasMessageContaining("off, sampled, sampled:N");
    assertThatThrownBy(() -> ConfigLoader.load("gossipInterval=0", Map.of(), Map.of()))
        .hasMessageContaining("gossipInterval");
  }

  @Test
  void adversaryShareFromEverySourceAndOnlyStrictlyBetweenZeroAndOne() throws Exception {
    assertThat(ConfigLoader.load(null, Map.of(), Map.of()).adversaryShare()).isEqualTo(0.1);
    assertThat(ConfigLoader.load("adversaryShare=0.25", Map.of(), Map.of()).adversaryShare()).isEqualTo(0.25);
    assertThat(ConfigLoader.load(null, Map.of("privacyagent.adversaryShare", ".05"), Map.of())
        .adversaryShare()).isEqualTo(0.05);
    assertThat(ConfigLoader.load(null, Map.of(), Map.of("PRIVACY_AGENT_ADVERSARY_SHARE", "2e-2"))
        .adversaryShare()).isEqualTo(0.02);
    for (String bad : new String[] {"0", "1", "1.5", "-0.1", "NaN", "Infinity", "0x1p-3", "0.1d", "ten", ""}) {
      assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("privacyagent.adversaryShare", bad), Map.of()))
          .as(bad)
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("-Dprivacyagent.adversaryShare")
          .hasMessageContaining("between 0 and 1 (exclusive)");
    }
  }

  @Test
  void agentArgumentsBeatSystemPropertiesWhichBeatEnvironment() throws Exception {
    Map<String, String> props = Map.of("privacyagent.port", "9001", "privacyagent.log", "debug");
    Map<String, String> env =
        Map.of("PRIVACY_AGENT_PORT", "9002", "PRIVACY_AGENT_LOG", "warn", "PRIVACY_AGENT_BIND", "::1");
    AgentConfig c = ConfigLoader.load("port=9000", props, env);
    assertThat(c.port()).isEqualTo(9000); // agent argument
    assertThat(c.log()).isEqualTo(Level.DEBUG); // system property over environment
    assertThat(c.bind()).isEqualTo("::1"); // environment over default
  }

  @Test
  void environmentNamesAreUpperSnakeCase() {
    assertThat(ConfigKey.SUMMARY_INTERVAL.environmentVariable()).isEqualTo("PRIVACY_AGENT_SUMMARY_INTERVAL");
    assertThat(ConfigKey.MAX_MEMORY.environmentVariable()).isEqualTo("PRIVACY_AGENT_MAX_MEMORY");
    assertThat(ConfigKey.ENABLED.environmentVariable()).isEqualTo("PRIVACY_AGENT_ENABLED");
    assertThat(ConfigKey.MAX_MEMORY.systemProperty()).isEqualTo("privacyagent.maxMemory");
  }

  @Test
  void parsesEveryKindOfValue() throws Exception {
    AgentConfig c =
        ConfigLoader.load(
            "enabled=yes, port=-1,events=/tmp/x/e.jsonl,eventsMaxSize=512k,window=90s,maxMemory=1g,"
                + "log=ERROR,summaryInterval=0,report=off,queue=1024,faultInjection=throw,token=abcdefghijklmnop",
            Map.of(),
            Map.of());
    assertThat(c.serverEnabled()).isFalse();
    assertThat(c.events()).isEqualTo(Path.of("/tmp/x/e.jsonl"));
    assertThat(c.eventsMaxSize()).isEqualTo(512 * 1024);
    assertThat(c.window()).isEqualTo(Duration.ofSeconds(90));
    assertThat(c.maxMemory()).isEqualTo(1L << 30);
    assertThat(c.log()).isEqualTo(Level.ERROR);
    assertThat(c.summaryInterval()).isZero();
    assertThat(c.report()).isFalse();
    assertThat(c.queue()).isEqualTo(1024);
    assertThat(c.faultInjection()).isTrue();
    assertThat(c.token()).isEqualTo("abcdefghijklmnop");
  }

  @Test
  void nodeNameIsAPlainTokenOrAbsent() throws Exception {
    assertThat(ConfigLoader.load("", Map.of(), Map.of()).nodeName()).isNull();
    assertThat(ConfigLoader.load("nodeName=validator-1", Map.of(), Map.of()).nodeName()).isEqualTo("validator-1");
    assertThat(ConfigLoader.load(null, Map.of(), Map.of("PRIVACY_AGENT_NODE_NAME", "beacon.eu")).nodeName())
        .isEqualTo("beacon.eu");
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("privacyagent.nodeName", "a b\u001b[31m"), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("-Dprivacyagent.nodeName")
        .hasMessageContaining("letters, digits");
  }

  @Test
  void bareDurationIsSeconds() throws Exception {
    assertThat(ConfigLoader.load("window=15", Map.of(), Map.of()).window()).isEqualTo(Duration.ofSeconds(15));
    assertThat(ConfigLoader.load("window=250ms", Map.of(), Map.of()).window()).isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void badValuesNameTheKeyAndTheSource() {
    assertThatThrownBy(() -> ConfigLoader.load("port=http", Map.of(), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("'http'")
        .hasMessageContaining("agent argument 'port'")
        .hasMessageContaining("not an integer");
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("privacyagent.port", "70000"), Map.of()))
        .hasMessageContaining("-Dprivacyagent.port")
        .hasMessageContaining("between -1 and 65535");
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of(), Map.of("PRIVACY_AGENT_ENABLED", "maybe")))
        .hasMessageContaining("PRIVACY_AGENT_ENABLED")
        .hasMessageContaining("true or false");
    assertThatThrownBy(() -> ConfigLoader.load("window=0", Map.of(), Map.of()))
        .hasMessageContaining("greater than zero");
    assertThatThrownBy(() -> ConfigLoader.load("window=5 minutes", Map.of(), Map.of()))
        .hasMessageContaining("duration");
    assertThatThrownBy(() -> ConfigLoader.load("maxMemory=12q", Map.of(), Map.of()))
        .hasMessageContaining("size");
    assertThatThrownBy(() -> ConfigLoader.load("log=verbose", Map.of(), Map.of()))
        .hasMessageContaining("off, error, warn, info, debug");
    assertThatThrownBy(() -> ConfigLoader.load("faultInjection=sometimes", Map.of(), Map.of()))
        .hasMessageContaining("none or throw");
    assertThatThrownBy(() -> ConfigLoader.load("port", Map.of(), Map.of()))
        .hasMessageContaining("not key=value");
    assertThatThrownBy(() -> ConfigLoader.load("maxMemory=99999999999999999999g", Map.of(), Map.of()))
        .hasMessageContaining("too large");
  }

  @Test
  void unknownKeysAreWarnedAboutNotFatal() throws Exception {
    AgentConfig c = ConfigLoader.load("prot=1,port=1234", Map.of(), Map.of());
    assertThat(c.port()).isEqualTo(1234);
    assertThat(c.warnings()).singleElement().asString().contains("unknown agent argument 'prot'").contains("port");
  }
}
