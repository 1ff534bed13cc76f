package io.libp2p.transport.quic;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.handler.codec.quic.QuicClientCodecBuilder;
import io.netty.handler.codec.quic.QuicCodecBuilder;
import io.netty.handler.codec.quic.QuicServerCodecBuilder;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicTokenHandler;
import io.netty.buffer.ByteBuf;
import java.net.InetSocketAddress;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/** Netty QUIC codecs set up from a {@link QuicConfig} the way libp2p uses QUIC: bidirectional streams only. */
final class QuicCodecSettings {
    private QuicCodecSettings() {
    }

    static ChannelHandler client(QuicConfig config, QuicSslContext ssl, Executor sslTasks) {
        return common(new QuicClientCodecBuilder(), config, ssl, sslTasks).build();
    }

    static ChannelHandler server(QuicConfig config, QuicSslContext ssl, Executor sslTasks,
            ChannelHandler connectionHandler, ChannelHandler streamHandler) {
        return common(new QuicServerCodecBuilder(), config, ssl, sslTasks)
                .tokenHandler(NoTokens.INSTANCE)
                .handler(connectionHandler)
                .streamHandler(streamHandler)
                // a remote FIN must reach the protocol handlers as an event, not close the stream
                .streamOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .build();
    }

    private static <B extends QuicCodecBuilder<B>> B common(B b, QuicConfig config, QuicSslContext ssl,
            Executor sslTasks) {
        return b.sslContext(ssl)
                .sslTaskExecutor(sslTasks)
                .maxIdleTimeout(config.getIdleTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .initialMaxData(config.getMaxConnectionData())
                .initialMaxStreamsBidirectional(config.getMaxStreamsBidirectional())
                .initialMaxStreamDataBidirectionalLocal(config.getMaxStreamDataLocal())
                .initialMaxStreamDataBidirectionalRemote(config.getMaxStreamDataRemote())
                .initialMaxStreamsUnidirectional(0)
                .activeMigration(false);
    }

    /** No address-validation retry tokens (libp2p peers do not send them back), as jvm-libp2p. */
    private enum NoTokens implements QuicTokenHandler {
        INSTANCE;

        @Override
        public boolean writeToken(ByteBuf out, ByteBuf dcid, InetSocketAddress address) {
            return false;
        }

        @Override
        public int validateToken(ByteBuf token, InetSocketAddress address) {
            return -1;
        }

        @Override
        public int maxTokenLength() {
            return 0;
        }
    }
}
