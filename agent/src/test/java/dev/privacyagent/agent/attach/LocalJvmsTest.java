package dev.privacyagent.agent.attach;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LocalJvmsTest {
  static final List<LocalJvms.Jvm> JVMS = List.of(
      new LocalJvms.Jvm("101", "/opt/node/sample-node.jar --peers 4"),
      new LocalJvms.Jvm("202", "org.example.BeaconNode --network mainnet"),
      new LocalJvms.Jvm("303", "org.example.BeaconNodeTool sample-node.jar"),
      new LocalJvms.Jvm("404", ""));

  @Test
  void aPidIsTakenAsIsEvenWhenNotListed() {
    assertThat(LocalJvms.resolve("202", JVMS)).containsExactly(JVMS.get(1));
    assertThat(LocalJvms.resolve("999", JVMS)).extracting(LocalJvms.Jvm::pid).containsExactly("999");
  }

  @Test
  void aSubstringMatchesTheMainClassOrJarNotTheArguments() {
    assertThat(LocalJvms.resolve("sample-node", JVMS)).containsExactly(JVMS.get(0));
    assertThat(LocalJvms.resolve("BeaconNode", JVMS)).extracting(LocalJvms.Jvm::pid).containsExactly("202", "303");
    assertThat(LocalJvms.resolve("mainnet", JVMS)).isEmpty();
  }

  @Test
  void jdkMajorVersionsAreParsed() {
    assertThat(AttachCommand.feature("25")).isEqualTo(25);
    assertThat(AttachCommand.feature("21.0.2")).isEqualTo(21);
    assertThat(AttachCommand.feature("1.8")).isEqualTo(8);
    assertThat(AttachCommand.feature("?")).isZero();
  }
}
