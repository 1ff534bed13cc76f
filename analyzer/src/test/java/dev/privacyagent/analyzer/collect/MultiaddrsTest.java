package dev.privacyagent.analyzer.collect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MultiaddrsTest {
  @Test
  void ipv4AndIpv6Prefixes() {
    assertThat(Multiaddrs.ip("/ip4/1.2.3.4/tcp/4001")).isEqualTo("1.2.3.4");
    assertThat(Multiaddrs.prefix("/ip4/1.2.3.4/tcp/4001")).isEqualTo("1.2.3.0/24");
    assertThat(Multiaddrs.prefix("/ip4/192.168.1.20")).isEqualTo("192.168.1.0/24");
    assertThat(Multiaddrs.prefix("/ip6/2001:db8:abcd:12::1/tcp/4001")).isEqualTo("2001:db8:abcd::/48");
    assertThat(Multiaddrs.prefix("/ip6/2001:db8::1/udp/4001/quic-v1")).isEqualTo("2001:db8:0::/48");
    assertThat(Multiaddrs.prefix("/ip6/::1/tcp/1")).isEqualTo("0:0:0::/48");
    assertThat(Multiaddrs.prefix("/ip6/::ffff:81.2.69.160/tcp/1")).isEqualTo("81.2.69.0/24");
    assertThat(Multiaddrs.prefix("/ip6zone/eth0/ip6/fe80::1/tcp/1")).isEqualTo("fe80:0:0::/48");
    assertThat(Multiaddrs.ip("/ip6/fe80::1%eth0/tcp/1")).isEqualTo("fe80::1%eth0");
  }

  @Test
  void rejectsWhatIsNotAnIpLiteral() {
    assertThat(Multiaddrs.ip("/dns4/example.com/tcp/443")).isNull();
    assertThat(Multiaddrs.ip("/ip4/1.2.3/tcp/1")).isNull();
    assertThat(Multiaddrs.ip("/ip4/1.2.3.256/tcp/1")).isNull();
    assertThat(Multiaddrs.ip("/ip4/1..2.3/tcp/1")).isNull();
    assertThat(Multiaddrs.ip("/ip6/1:2:3:4:5:6:7:8:9/tcp/1")).isNull();
    assertThat(Multiaddrs.ip("/ip6/1::2::3/tcp/1")).isNull();
    assertThat(Multiaddrs.ip("/ip6/12345::1/tcp/1")).isNull();
    assertThat(Multiaddrs.ip("/ip6/g::1/tcp/1")).isNull();
    assertThat(Multiaddrs.ip(null)).isNull();
    assertThat(Multiaddrs.ip("")).isNull();
    assertThat(Multiaddrs.prefixOfIp("nonsense")).isNull();
  }
}
