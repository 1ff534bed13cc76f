package dev.privacyagent.agent.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.privacyagent.analyzer.codec.Bounds;
import java.util.ArrayList;
import java.util.List;

/**
 * Coverage-guided fuzzing of the agent's identify reader (docs/security.md, "Fuzzing"): whatever a
 * peer puts in an identify message (strings of any length and content, any number of addresses
 * and protocols, any address bytes, absent fields), the facts read are bounded and reading never
 * throws.
 */
class IdentifyFuzzTest {

  /** Stands in for jvm-libp2p's generated {@code Identify} message: the getters the reader calls. */
  public static final class Message {
    final String agent;
    final String protocol;
    final List<BinaryMultiaddrFuzzTest.Bytes> listen;
    final BinaryMultiaddrFuzzTest.Bytes observed;
    final List<String> protocols;

    Message(String agent, String protocol, List<BinaryMultiaddrFuzzTest.Bytes> listen,
        BinaryMultiaddrFuzzTest.Bytes observed, List<String> protocols) {
      this.agent = agent;
      this.protocol = protocol;
      this.listen = listen;
      this.observed = observed;
      this.protocols = protocols;
    }

    public String getAgentVersion() {
      return agent;
    }

    public String getProtocolVersion() {
      return protocol;
    }

    public List<BinaryMultiaddrFuzzTest.Bytes> getListenAddrsList() {
      return listen;
    }

    public BinaryMultiaddrFuzzTest.Bytes getObservedAddr() {
      return observed;
    }

    public List<String> getProtocolsList() {
      return protocols;
    }
  }

  @FuzzTest(maxDuration = "10s")
  void anyIdentifyMessageGivesBoundedFacts(FuzzedDataProvider data) {
    fuzzerTestOneInput(data);
  }

  /** The entry point of bin/fuzz (Jazzer's standalone driver) for longer runs. */
  public static void fuzzerTestOneInput(FuzzedDataProvider data) {
    String agent = data.consumeBoolean() ? null : data.consumeString(2_000);
    String protocol = data.consumeBoolean() ? null : data.consumeString(300);
    List<BinaryMultiaddrFuzzTest.Bytes> listen = new ArrayList<>();
    int n = data.consumeInt(0, 200);
    for (int i = 0; i < n && data.remainingBytes() > 0; i++) {
      listen.add(data.consumeBoolean() ? null : new BinaryMultiaddrFuzzTest.Bytes(data.consumeBytes(64)));
    }
    BinaryMultiaddrFuzzTest.Bytes observed =
        data.consumeBoolean() ? null : new BinaryMultiaddrFuzzTest.Bytes(data.consumeBytes(64));
    List<String> protocols = new ArrayList<>();
    int m = data.consumeInt(0, 200);
    for (int i = 0; i < m && data.remainingBytes() > 0; i++) {
      protocols.add(data.consumeBoolean() ? null : data.consumeString(400));
    }
    Identify id = Identify.read(new Message(agent, protocol, listen, observed, protocols));
    assertThat(id.listenAddrs()).hasSizeLessThanOrEqualTo(Bounds.MAX_LIST_ENTRIES)
        .allSatisfy(a -> assertThat(a).hasSizeLessThanOrEqualTo(Bounds.MAX_ADDR_CHARS));
    assertThat(id.protocols()).hasSizeLessThanOrEqualTo(Bounds.MAX_LIST_ENTRIES)
        .allSatisfy(p -> assertThat(p).isNotNull().hasSizeLessThanOrEqualTo(Bounds.MAX_ID_CHARS));
    if (id.agentVersion() != null) {
      assertThat(id.agentVersion()).hasSizeLessThanOrEqualTo(Bounds.MAX_ID_CHARS);
    }
    if (id.observedAddr() != null) {
      assertThat(id.observedAddr()).hasSizeLessThanOrEqualTo(Bounds.MAX_ADDR_CHARS);
    }
  }
}
