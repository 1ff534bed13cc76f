package dev.privacyagent.analyzer.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransportsTest {
  @ParameterizedTest
  @CsvSource(nullValues = "null", value = {
    "/ip4/1.2.3.4/udp/4001/quic-v1, quic-v1",
    "/ip6/::/udp/4001/quic-v1/p2p/12D3KooWx, quic-v1",
    "/ip4/1.2.3.4/udp/4001/quic, quic",
    "/ip4/1.2.3.4/udp/4001/quic/p2p/12D3KooWx, quic",
    "/ip4/1.2.3.4/udp/4001/quic-v1/webtransport/certhash/uEi, webtransport",
    "/ip4/1.2.3.4/tcp/4001, tcp",
    "/ip4/1.2.3.4/tcp/4001/ws, ws",
    "/dns4/a.example/tcp/443/wss, ws",
    "/ip4/1.2.3.4/udp/4001, udp",
    "/dns4/quicker.example/tcp/1, tcp",
    "/unix/a, null",
    "null, null",
  })
  void namesTheTransportOfAnAddress(String addr, String transport) {
    assertThat(Transports.fromAddress(addr)).isEqualTo(transport);
  }

  @ParameterizedTest
  @CsvSource(nullValues = "null", value = {
    "quic-v1, null, /tls/1.0.0, true",
    "quic, null, /tls/1.0.0, true",
    "quic-v1, /tls/1.0.0, /tls/1.0.0, true",
    "tcp, null, null, false",
    "tcp, /noise, /noise, false",
    "null, null, null, false",
  })
  void quicRunsTlsAndNativeStreams(String transport, String security, String effective, boolean nativeStreams) {
    assertThat(Transports.effectiveSecurity(transport, security)).isEqualTo(effective);
    assertThat(Transports.nativeStreams(transport)).isEqualTo(nativeStreams);
  }
}
