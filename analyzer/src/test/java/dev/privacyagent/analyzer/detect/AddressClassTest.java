package dev.privacyagent.analyzer.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.privacyagent.analyzer.detect.AddressClass.Scope;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressClassTest {
  @ParameterizedTest
  @CsvSource({
    "/ip4/10.1.2.3/tcp/4001, PRIVATE",
    "/ip4/172.16.0.1/tcp/1, PRIVATE",
    "/ip4/172.32.0.1/tcp/1, PUBLIC",
    "/ip4/192.168.0.1/udp/1/quic-v1, PRIVATE",
    "/ip4/100.64.0.1/tcp/1, PRIVATE",
    "/ip4/127.0.0.1/tcp/1, LOOPBACK",
    "/ip4/169.254.1.1/tcp/1, LINK_LOCAL",
    "/ip4/0.0.0.0/tcp/1, UNSPECIFIED",
    "/ip4/203.0.113.9/tcp/1, PUBLIC",
    "/ip4/256.0.0.1/tcp/1, UNPARSEABLE",
    "/ip6/::1/tcp/1, LOOPBACK",
    "/ip6/::/tcp/1, UNSPECIFIED",
    "/ip6/fe80::1%eth0/tcp/1, LINK_LOCAL",
    "/ip6/fd00:1::5/tcp/1, PRIVATE",
    "/ip6/2001:db8::1/tcp/1, PUBLIC",
    "/ip6/::ffff:192.168.1.1/tcp/1, PRIVATE",
    "/ip6/1:2:3:4:5:6:7:8:9/tcp/1, UNPARSEABLE",
    "/dns4/example.org/tcp/443, DNS",
    "192.168.5.5:4001, PRIVATE",
    "[::1]:4001, LOOPBACK",
    "8.8.8.8, PUBLIC",
    "/p2p-circuit, UNPARSEABLE",
    "'<img src=x>', UNPARSEABLE"
  })
  void classifies(String addr, Scope expected) {
    assertThat(AddressClass.parse(addr).scope()).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({
    "/ip4/203.0.113.9/tcp/1, 203.0.113.0/24",
    "/ip6/2001:db8:aa:bb::1/tcp/1, 2001:db8:aa::/48"
  })
  void prefixes(String addr, String prefix) {
    assertThat(AddressClass.parse(addr).prefix()).isEqualTo(prefix);
  }
}
