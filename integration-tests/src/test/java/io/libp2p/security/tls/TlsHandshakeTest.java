package io.libp2p.security.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crypto.pb.Crypto;
import io.libp2p.core.PeerId;
import io.libp2p.core.crypto.KeyKt;
import io.libp2p.core.crypto.PrivKey;
import io.libp2p.core.security.SecureChannel;
import io.libp2p.wiretest.EmbeddedPair;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The TLS handler on two back-to-back embedded channels: ALPN without a common muxer, bad certificates, encryption, a close. */
class TlsHandshakeTest {
    private static final Duration T = Duration.ofSeconds(5);
    private static final PrivKey ALICE = KeyKt.generateKeyPair(Crypto.KeyType.Ed25519).getFirst();
    private static final PrivKey BOB = KeyKt.generateKeyPair(Crypto.KeyType.Ed25519).getFirst();
    private final EmbeddedPair pair = new EmbeddedPair();

    @AfterEach
    void tearDown() {
        pair.close();
    }

    private static PeerId id(PrivKey k) {
        return PeerId.fromPubKey(k.publicKey());
    }

    private static Libp2pCertificate cert(PrivKey k) {
        return Libp2pCertificate.generate(k, Libp2pCertificate.KeyType.Ed25519);
    }

    @Test
    void withoutMuxersThereIsNoEarlyMuxerAndBytesAreEncrypted() {
        CompletableFuture<SecureChannel.Session> client = new TlsHandshake(true, cert(ALICE), id(BOB), new AlpnMuxers(List.of()))
            .run(pair.a, id(ALICE), T);
        CompletableFuture<SecureChannel.Session> server = new TlsHandshake(false, cert(BOB), null, new AlpnMuxers(List.of()))
            .run(pair.b, id(BOB), T);
        pair.pump();

        assertThat(client.join().getRemoteId()).isEqualTo(id(BOB));
        assertThat(client.join().getEarlyMuxer()).isNull();
        assertThat(server.join().getRemoteId()).isEqualTo(id(ALICE));
        assertThat(server.join().getRemotePubKey()).isEqualTo(ALICE.publicKey());

        byte[] secret = "a very recognisable secret".getBytes(StandardCharsets.US_ASCII);
        pair.a.writeAndFlush(Unpooled.wrappedBuffer(secret));
        ByteBuf wire = pair.a.readOutbound();
        byte[] onWire = new byte[wire.readableBytes()];
        wire.getBytes(wire.readerIndex(), onWire);
        assertThat(new String(onWire, StandardCharsets.ISO_8859_1)).doesNotContain("recognisable");
        pair.b.writeInbound(wire);
        ByteBuf got = pair.b.readInbound();
        assertThat(got.toString(StandardCharsets.US_ASCII)).isEqualTo("a very recognisable secret");
        got.release();
    }

    @Test
    void aClientCertificateWithoutTheExtensionFailsTheServersHandshake() throws Exception {
        Libp2pCertificate bad = BadCertificates.build(null, false, null);
        CompletableFuture<SecureChannel.Session> client = new TlsHandshake(true, bad, id(BOB), new AlpnMuxers(List.of()))
            .run(pair.a, id(ALICE), T);
        CompletableFuture<SecureChannel.Session> server = new TlsHandshake(false, cert(BOB), null, new AlpnMuxers(List.of()))
            .run(pair.b, id(BOB), T);
        // stands for the muxer a finished client installs behind the TLS handler
        List<Throwable> afterHandshake = new java.util.ArrayList<>();
        client.thenRun(() -> pair.a.pipeline().addLast(new io.netty.channel.ChannelInboundHandlerAdapter() {
            @Override
            public void exceptionCaught(io.netty.channel.ChannelHandlerContext ctx, Throwable cause) {
                afterHandshake.add(cause);
            }
        }));
        pair.pump();

        assertThatThrownBy(server::join).isInstanceOf(CompletionException.class)
            .cause().isInstanceOf(TlsHandshakeException.class)
            .hasMessageContaining("TLS handshake failed: the remote certificate lacks the libp2p public key extension");
        assertThat(pair.b.isOpen()).isFalse();
        // TLS 1.3: the client finished before the server judged its certificate; then the alert arrives
        assertThat(client.join().getRemoteId()).isEqualTo(id(BOB));
        assertThat(afterHandshake).singleElement().asString().contains("certificate_unknown");
        assertThat(pair.a.isOpen()).isFalse();
    }

    @Test
    void aServerCertificateWithABadSignatureFailsTheClientsHandshake() throws Exception {
        Libp2pCertificate bad = BadCertificates.build(spki -> BadCertificates.signedKey(BOB.publicKey().bytes(),
            ALICE.sign(Libp2pCertificate.signedData(spki))), true, null);
        CompletableFuture<SecureChannel.Session> client = new TlsHandshake(true, cert(ALICE), null, new AlpnMuxers(List.of()))
            .run(pair.a, id(ALICE), T);
        CompletableFuture<SecureChannel.Session> server = new TlsHandshake(false, bad, null, new AlpnMuxers(List.of()))
            .run(pair.b, id(BOB), T);
        pair.pump();

        assertThatThrownBy(client::join).isInstanceOf(CompletionException.class)
            .cause().isInstanceOf(TlsHandshakeException.class)
            .hasMessageContaining("signature over the certificate key is invalid");
        assertThatThrownBy(server::join).isInstanceOf(CompletionException.class).cause().isInstanceOf(TlsHandshakeException.class);
        assertThat(pair.a.isOpen()).isFalse();
    }

    @Test
    void aCloseDuringTheHandshakeFailsIt() {
        CompletableFuture<SecureChannel.Session> client = new TlsHandshake(true, cert(ALICE), null, new AlpnMuxers(List.of()))
            .run(pair.a, id(ALICE), T);
        pair.a.close();
        assertThatThrownBy(client::join).isInstanceOf(CompletionException.class)
            .cause().isInstanceOf(TlsHandshakeException.class);
    }

    @Test
    void theServerPicksTheFirstOfferedMuxerItHasElseLibp2p() {
        AlpnMuxers none = new AlpnMuxers(List.of());
        assertThat(none.offer()).containsExactly("libp2p");
        assertThat(none.select(List.of("/yamux/1.0.0", "libp2p"))).isEqualTo("libp2p");
        assertThat(none.select(List.of("h2"))).isEmpty();
        assertThat(none.earlyMuxer("libp2p")).isNull();
        assertThat(none.earlyMuxer("")).isNull();
    }
}
