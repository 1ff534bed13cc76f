package io.libp2p.security.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import crypto.pb.Crypto;
import io.libp2p.core.PeerId;
import io.libp2p.core.crypto.KeyKt;
import io.libp2p.core.crypto.PrivKey;
import java.nio.ByteBuffer;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The key and trust managers in a real JDK TLS 1.3 handshake between two in-memory engines (mutual auth). */
class JdkEngineHandshakeTest {
    private static final PrivKey CLIENT = KeyKt.generateKeyPair(Crypto.KeyType.Ed25519).getFirst();
    private static final PrivKey SERVER = KeyKt.generateKeyPair(Crypto.KeyType.Ed25519).getFirst();

    @ParameterizedTest
    @EnumSource(Libp2pCertificate.KeyType.class)
    void bothSidesLearnTheOthersPeerId(Libp2pCertificate.KeyType type) throws Exception {
        Libp2pTrustManager clientTrust = new Libp2pTrustManager(Optional.of(PeerId.fromPubKey(SERVER.publicKey())));
        Libp2pTrustManager serverTrust = new Libp2pTrustManager(Optional.empty());
        SSLEngine client = engine(true, CLIENT, type, clientTrust);
        SSLEngine server = engine(false, SERVER, type, serverTrust);

        handshake(client, server);

        assertThat(client.getSession().getProtocol()).isEqualTo("TLSv1.3");
        assertThat(clientTrust.getRemotePeer().peerId()).isEqualTo(PeerId.fromPubKey(SERVER.publicKey()));
        assertThat(serverTrust.getRemotePeer().peerId()).isEqualTo(PeerId.fromPubKey(CLIENT.publicKey()));
    }

    @ParameterizedTest
    @EnumSource(Libp2pCertificate.KeyType.class)
    void aWrongDialledPeerIdAbortsTheHandshake(Libp2pCertificate.KeyType type) throws Exception {
        PeerId expected = PeerId.fromPubKey(KeyKt.generateKeyPair(Crypto.KeyType.Ed25519).getSecond());
        SSLEngine client = engine(true, CLIENT, type, new Libp2pTrustManager(Optional.of(expected)));
        SSLEngine server = engine(false, SERVER, type, new Libp2pTrustManager(Optional.empty()));

        assertThatThrownBy(() -> handshake(client, server))
            .isInstanceOf(SSLException.class)
            .hasRootCauseInstanceOf(Libp2pCertificateException.class)
            .rootCause().hasMessageContaining("not the dialled peer id " + expected);
    }

    static SSLEngine engine(boolean client, PrivKey host, Libp2pCertificate.KeyType type, Libp2pTrustManager trust) throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLSv1.3");
        ctx.init(new KeyManager[] {new Libp2pKeyManager(Libp2pCertificate.generate(host, type))},
            new TrustManager[] {trust}, null);
        SSLEngine e = ctx.createSSLEngine();
        e.setUseClientMode(client);
        e.setEnabledProtocols(new String[] {"TLSv1.3"});
        if (!client) {
            e.setNeedClientAuth(true);
        }
        return e;
    }

    /** Moves records between the engines until both are done; bounded. */
    static void handshake(SSLEngine client, SSLEngine server) throws Exception {
        ByteBuffer empty = ByteBuffer.allocate(0);
        ByteBuffer c2s = ByteBuffer.allocate(1 << 16);
        ByteBuffer s2c = ByteBuffer.allocate(1 << 16);
        ByteBuffer sink = ByteBuffer.allocate(1 << 16);
        client.beginHandshake();
        server.beginHandshake();
        for (int i = 0; i < 200; i++) {
            step(client, empty, c2s, s2c, sink);
            step(server, empty, s2c, c2s, sink);
            if (done(client) && done(server)) {
                return;
            }
        }
        throw new AssertionError("handshake did not finish");
    }

    private static boolean done(SSLEngine e) {
        SSLEngineResult.HandshakeStatus s = e.getHandshakeStatus();
        return s == SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING || s == SSLEngineResult.HandshakeStatus.FINISHED;
    }

    private static void step(SSLEngine e, ByteBuffer empty, ByteBuffer out, ByteBuffer in, ByteBuffer sink) throws SSLException {
        Runnable task;
        while ((task = e.getDelegatedTask()) != null) {
            task.run();
        }
        e.wrap(empty, out);
        in.flip();
        if (in.hasRemaining()) {
            sink.clear();
            e.unwrap(in, sink);
        }
        in.compact();
        while ((task = e.getDelegatedTask()) != null) {
            task.run();
        }
    }
}
