package io.libp2p.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crypto.pb.Crypto;
import io.libp2p.core.crypto.KeyKt;
import io.libp2p.core.crypto.PrivKey;
import io.libp2p.core.crypto.PubKey;
import io.libp2p.core.multiformats.Multiaddr;
import io.libp2p.core.multiformats.Protocol;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Multiaddr and peer-id encodings against the published spec vectors. */
class MultiaddrPeerIdTest {

    @Test
    void multiaddrBinaryMatchesTheSpec() {
        // /ip4/127.0.0.1/tcp/4001: 04 7f000001 06 0fa1 (multiaddr spec)
        Multiaddr m = new Multiaddr("/ip4/127.0.0.1/tcp/4001");
        assertThat(HexFormat.of().formatHex(m.serialize())).isEqualTo("047f000001060fa1");
        assertThat(Multiaddr.deserialize(m.serialize())).isEqualTo(m);
        Multiaddr v6 = new Multiaddr("/ip6/::1/tcp/0");
        assertThat(Multiaddr.deserialize(v6.serialize()).getFirstComponent(Protocol.IP6).getStringValue()).isEqualTo("0:0:0:0:0:0:0:1");
        Multiaddr dns = new Multiaddr("/dns4/example.com/tcp/443/wss");
        assertThat(Multiaddr.deserialize(dns.serialize()).toString()).isEqualTo("/dns4/example.com/tcp/443/wss");
    }

    @Test
    void peerIdRoundTripsThroughMultiaddr() {
        PeerId id = PeerId.fromBase58("12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA");
        Multiaddr m = new Multiaddr("/ip4/1.2.3.4/tcp/1").withP2P(id);
        assertThat(m.toString()).isEqualTo("/ip4/1.2.3.4/tcp/1/p2p/12D3KooWD3eckifWpRn9wQpMG9R9hX3sD158z7EqHWmweQAJU5SA");
        assertThat(Multiaddr.deserialize(m.serialize()).getPeerId()).isEqualTo(id);
        assertThat(new Multiaddr("/ip4/1.2.3.4/tcp/1/ipfs/" + id.toBase58()).getPeerId()).isEqualTo(id);
    }

    @Test
    void ed25519PeerIdsAreIdentityMultihashes() {
        kotlin.Pair<PrivKey, PubKey> kp = KeyKt.generateKeyPair(Crypto.KeyType.Ed25519);
        PeerId id = PeerId.fromPubKey(kp.getSecond());
        assertThat(id.toBase58()).startsWith("12D3KooW");
        assertThat(id.getBytes()).hasSize(38).startsWith(0x00, 0x24, 0x08, 0x01, 0x12, 0x20);
        PrivKey back = KeyKt.unmarshalPrivateKey(kp.getFirst().bytes());
        byte[] sig = back.sign("hello".getBytes());
        assertThat(KeyKt.unmarshalPublicKey(kp.getSecond().bytes()).verify("hello".getBytes(), sig)).isTrue();
        assertThat(kp.getSecond().verify("hellO".getBytes(), sig)).isFalse();
        assertThat(PeerId.fromPubKey(back.publicKey())).isEqualTo(id);
    }

    @Test
    void malformedInputsFailClearly() {
        assertThatThrownBy(() -> new Multiaddr("ip4/1.2.3.4")).hasMessageContaining("must start with '/'");
        assertThatThrownBy(() -> new Multiaddr("/ip4/1.2.3")).hasMessageContaining("Invalid IPv4");
        assertThatThrownBy(() -> new Multiaddr("/tcp/70000")).hasMessageContaining("Port out of range");
        assertThatThrownBy(() -> new Multiaddr("/foo/1")).hasMessageContaining("Unknown multiaddr protocol");
        assertThatThrownBy(() -> new Multiaddr("/ip4/1.2.3.4/tcp")).hasMessageContaining("Missing value");
        // /p2p with a 3-byte value
        assertThatThrownBy(() -> Multiaddr.deserialize(HexFormat.of().parseHex("a50303010203")))
                .hasMessageContaining("Invalid peerId length");
        assertThatThrownBy(() -> Multiaddr.deserialize(HexFormat.of().parseHex("047f00"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PeerId.fromBase58("0OIl")).hasMessageContaining("Invalid base58");
    }
}
