package dev.privacyagent.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** No name resolution decides where the server listens. */
class BindAddressTest {
  static final String TOKEN = "s3cret-token-0123456789";

  /** Host names that look like hex digits, and IPv4 spellings only a resolver accepts. */
  @ParameterizedTest
  @ValueSource(strings = {"cafe", "dead", "beef", "face", "a", "evil.example", "localhost.",
      "127.1", "127.0.1", "2130706433", "0x7f000001", "0x7f.0.0.1", "0177.0.0.1", "127.0.0.01",
      "127.0.0.256", "127.0.0.1.", "1.2.3.4.5", "[127.0.0.1]", "fe80::1%lo", "::1%1", "[::1",
      ":::", "dead:beef:cafe", "ip6-localhost"})
  void namesAndNonLiteralSpellingsAreRefusedWithAndWithoutToken(String bind) {
    assertThatThrownBy(() -> ServerConfig.of(bind, 0, null).resolveBindAddress())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("IP literal");
    assertThatThrownBy(() -> ServerConfig.of(bind, 0, TOKEN).resolveBindAddress())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("IP literal");
  }

  /** The test JVM resolves through src/test/resources/hosts, where these names exist. */
  @Test
  void theNamesRefusedAboveWouldResolve() throws Exception {
    assertThat(InetAddress.getByName("cafe").getHostAddress()).isEqualTo("127.0.0.1");
    assertThat(InetAddress.getByName("dead").getHostAddress()).isEqualTo("0.0.0.0");
  }

  @Test
  void loopbackLiteralsNeedNoToken() throws Exception {
    assertThat(ServerConfig.of("127.0.0.1", 0, null).resolveBindAddress())
        .isEqualTo(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}));
    assertThat(ServerConfig.of("127.0.0.2", 0, null).resolveBindAddress().isLoopbackAddress())
        .isTrue();
    assertThat(ServerConfig.of("::1", 0, null).resolveBindAddress().isLoopbackAddress()).isTrue();
    assertThat(ServerConfig.of("[::1]", 0, null).resolveBindAddress().isLoopbackAddress()).isTrue();
    assertThat(ServerConfig.of("localhost", 0, null).resolveBindAddress())
        .isEqualTo(InetAddress.getLoopbackAddress());
  }

  @Test
  void otherLiteralsNeedAToken() {
    for (String bind : new String[] {"0.0.0.0", "::", "192.0.2.1", "2001:db8::1", "[::]"}) {
      assertThatThrownBy(() -> ServerConfig.of(bind, 0, null).resolveBindAddress())
          .as(bind).hasMessageContaining("refusing to bind non-loopback address");
      assertThat(ServerConfig.of(bind, 0, TOKEN).resolveBindAddress().isLoopbackAddress())
          .as(bind).isFalse();
    }
  }

  @Test
  void aRefusedNameNeverStartsAServer() {
    assertThatThrownBy(() -> ReportServer.start(ServerConfig.of("dead", 0, TOKEN),
        new TestSource(Fixtures.view(1)))).isInstanceOf(IllegalArgumentException.class);
  }
}
