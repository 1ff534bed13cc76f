package io.libp2p.security.tls;

import io.libp2p.core.PeerId;
import io.libp2p.core.security.SecureChannel;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;

/**
 * One libp2p TLS 1.3 handshake on a connection: the JDK's {@link SSLEngine} (mutual authentication,
 * TLS 1.3 only, no SNI, ALPN with the muxer ids) in a Netty {@link SslHandler} that stays in the
 * pipeline to encrypt. The session future completes on the event loop as the handshake completes,
 * before any decrypted byte is passed on, so the muxer can be installed behind the handler first.
 */
final class TlsHandshake {
    static final String PROTOCOL = "TLSv1.3";

    private final SSLEngine engine;
    private final Libp2pTrustManager trust;
    private final AlpnMuxers alpn;

    TlsHandshake(boolean initiator, Libp2pCertificate certificate, PeerId expectedRemote, AlpnMuxers alpn) {
        this.trust = new Libp2pTrustManager(Optional.ofNullable(expectedRemote));
        this.alpn = alpn;
        this.engine = engine(initiator, certificate);
    }

    private SSLEngine engine(boolean initiator, Libp2pCertificate certificate) {
        SSLContext ctx;
        try {
            ctx = SSLContext.getInstance(PROTOCOL);
            ctx.init(new KeyManager[] {new Libp2pKeyManager(certificate)}, new TrustManager[] {trust}, null);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no TLS 1.3: " + e.getMessage(), e);
        }
        SSLEngine e = ctx.createSSLEngine(); // no peer host: no SNI, as the spec asks of clients
        e.setUseClientMode(initiator);
        SSLParameters p = e.getSSLParameters();
        p.setProtocols(new String[] {PROTOCOL});
        if (initiator) {
            p.setApplicationProtocols(alpn.offer());
        } else {
            p.setNeedClientAuth(true);
        }
        e.setSSLParameters(p);
        if (!initiator) {
            e.setHandshakeApplicationProtocolSelector((eng, offered) -> alpn.select(offered));
        }
        return e;
    }

    /** Adds the handler to {@code channel} and returns the session of the finished handshake. */
    CompletableFuture<SecureChannel.Session> run(Channel channel, PeerId localId, Duration timeout) {
        SslHandler ssl = new SslHandler(engine);
        ssl.setHandshakeTimeoutMillis(timeout.toMillis());
        CompletableFuture<SecureChannel.Session> session = new CompletableFuture<>();
        FailureSink sink = new FailureSink();
        ssl.handshakeFuture().addListener(f -> {
            if (!f.isSuccess()) {
                session.completeExceptionally(failure(f.cause()));
                channel.close();
                return;
            }
            if (sink.ctx != null && !sink.ctx.isRemoved()) {
                channel.pipeline().remove(sink);
            }
            VerifiedPeer remote = trust.getRemotePeer();
            if (remote == null) {
                session.completeExceptionally(new TlsHandshakeException("TLS handshake failed: the remote presented no certificate", null));
                channel.close();
                return;
            }
            session.complete(new SecureChannel.Session(localId, remote.peerId(), remote.publicKey(),
                alpn.earlyMuxer(engine.getApplicationProtocol())));
        });
        channel.pipeline().addLast(ssl);
        channel.pipeline().addLast(sink);
        return session;
    }

    /**
     * Takes the exception SslHandler passes on after a failed handshake: the session future reports it
     * already, and it would otherwise reach the pipeline's tail as an unhandled error. Leaves as the
     * handshake ends.
     */
    private static final class FailureSink extends ChannelInboundHandlerAdapter {
        private ChannelHandlerContext ctx;

        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // reported through the session future
        }
    }

    /** A failure that says why: the libp2p certificate rule that broke, a timeout, a close, or the engine's error. */
    static TlsHandshakeException failure(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof Libp2pCertificateException) {
                return new TlsHandshakeException("TLS handshake failed: " + t.getMessage(), cause);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        if (cause instanceof SslHandshakeTimeoutException) {
            return new TlsHandshakeException("TLS handshake timed out: " + cause.getMessage(), cause);
        }
        if (cause instanceof ClosedChannelException) {
            return new TlsHandshakeException("connection closed during the TLS handshake", cause);
        }
        return new TlsHandshakeException("TLS handshake failed: " + cause, cause);
    }
}
