package io.libp2p.multistream;

import static org.assertj.core.api.Assertions.assertThat;

import io.libp2p.wiretest.EmbeddedPair;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MultistreamNegotiatorTest {
    private static final Duration T = Duration.ofSeconds(5);
    private final EmbeddedPair pair = new EmbeddedPair();

    @AfterEach
    void tearDown() {
        pair.close();
    }

    @Test
    void responderRefusesUnknownProposalsWithNaThenAcceptsASupportedOne() {
        MultistreamNegotiator init = MultistreamNegotiator.initiator(List.of("/tls/1.0.0", "/noise"), T);
        MultistreamNegotiator resp = MultistreamNegotiator.responder(List.of("/noise", "/plaintext/2.0.0"), T);
        pair.b.pipeline().addLast(resp);
        pair.a.pipeline().addLast(init);
        pair.pump();

        assertThat(init.result()).isCompletedWithValue("/noise");
        assertThat(resp.result()).isCompletedWithValue("/noise");
        assertThat(pair.a.pipeline().get(MultistreamNegotiator.class)).isNull();
        assertThat(pair.b.pipeline().get(MultistreamNegotiator.class)).isNull();
    }

    @Test
    void bytesPipelinedBehindTheProposalReachTheNextHandler() {
        MultistreamNegotiator resp = MultistreamNegotiator.responder(List.of("/echo/1.0.0"), T);
        EmbeddedChannel ch = pair.b;
        ch.pipeline().addLast(resp);
        resp.result().thenAccept(p -> ch.pipeline().addLast(new io.netty.channel.ChannelInboundHandlerAdapter()));
        ByteBuf in = Unpooled.buffer();
        writeMessage(in, MultistreamCodec.HEADER);
        writeMessage(in, "/echo/1.0.0");
        in.writeBytes("hello".getBytes(StandardCharsets.UTF_8));
        ch.writeInbound(in);

        assertThat(resp.result()).isCompletedWithValue("/echo/1.0.0");
        ByteBuf rest = ch.readInbound();
        assertThat(rest.toString(StandardCharsets.UTF_8)).isEqualTo("hello");
        rest.release();
        // what the responder sent: its header, then the echo of the accepted protocol
        ByteBuf out = collectOutbound(ch);
        assertThat(MultistreamCodec.readMessage(out)).isEqualTo(MultistreamCodec.HEADER);
        assertThat(MultistreamCodec.readMessage(out)).isEqualTo("/echo/1.0.0");
        out.release();
    }

    @Test
    void noCommonProtocolFailsTheInitiatorAndClosesTheChannel() {
        MultistreamNegotiator init = MultistreamNegotiator.initiator(List.of("/a/1", "/b/1"), T);
        MultistreamNegotiator resp = MultistreamNegotiator.responder(List.of("/c/1"), T);
        pair.b.pipeline().addLast(resp);
        pair.a.pipeline().addLast(init);
        pair.pump();

        assertFailure(init.result(), "supports none of [/a/1, /b/1]");
        assertThat(pair.a.isOpen()).isFalse();
        assertThat(resp.result()).isNotDone(); // still listening; the closed peer ends it in real life
    }

    @Test
    void lsListsTheAnnouncedProtocols() {
        EmbeddedChannel ch = pair.b;
        MultistreamNegotiator resp = MultistreamNegotiator.responder(List.of("/x/1", "/y/2"), T);
        ch.pipeline().addLast(resp);
        ByteBuf in = Unpooled.buffer();
        writeMessage(in, MultistreamCodec.HEADER);
        writeMessage(in, "ls");
        ch.writeInbound(in);
        ByteBuf out = collectOutbound(ch);
        assertThat(MultistreamCodec.readMessage(out)).isEqualTo(MultistreamCodec.HEADER);
        String list = MultistreamCodec.readMessage(out);
        ByteBuf inner = Unpooled.copiedBuffer(list, StandardCharsets.UTF_8);
        assertThat(MultistreamCodec.readMessage(inner)).isEqualTo("/x/1");
        assertThat(MultistreamCodec.readMessage(inner)).isEqualTo("/y/2");
        out.release();
        inner.release();
        assertThat(resp.result()).isNotDone();
    }

    @Test
    void garbageInsteadOfMultistreamFailsCleanly() {
        EmbeddedChannel ch = pair.b;
        MultistreamNegotiator resp = MultistreamNegotiator.responder(List.of("/noise"), T);
        ch.pipeline().addLast(resp);
        ch.writeInbound(Unpooled.copiedBuffer("GET / HTTP/1.1\r\nHost: x\r\n\r\n" + "x".repeat(100), StandardCharsets.UTF_8));
        // 'G' reads as length 71; byte 71 is no newline, so the frame is rejected
        assertFailure(resp.result(), "does not end with a newline");
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void aWellFramedWrongHeaderIsRejected() {
        EmbeddedChannel ch = pair.b;
        MultistreamNegotiator resp = MultistreamNegotiator.responder(List.of("/noise"), T);
        ch.pipeline().addLast(resp);
        ch.writeInbound(MultistreamCodec.encode(ch.alloc(), "/multistream/2.0.0"));
        assertFailure(resp.result(), "expected /multistream/1.0.0");
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void oversizedLengthIsRefusedWithoutBuffering() {
        EmbeddedChannel ch = pair.b;
        MultistreamNegotiator resp = MultistreamNegotiator.responder(List.of("/noise"), T);
        ch.pipeline().addLast(resp);
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f}));
        assertFailure(resp.result(), "out of range");
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void aSilentPeerTimesOut() throws Exception {
        MultistreamNegotiator resp = MultistreamNegotiator.responder(List.of("/noise"), Duration.ofMillis(50));
        pair.b.pipeline().addLast(resp);
        Thread.sleep(80);
        pair.b.runPendingTasks();
        pair.b.runScheduledPendingTasks();
        assertFailure(resp.result(), "timed out");
        assertThat(pair.b.isOpen()).isFalse();
    }

    @Test
    void closingMidNegotiationFailsTheFuture() {
        MultistreamNegotiator init = MultistreamNegotiator.initiator(List.of("/noise"), T);
        pair.a.pipeline().addLast(init);
        pair.a.close();
        assertFailure(init.result(), "closed during");
    }

    private static void writeMessage(ByteBuf into, String message) {
        ByteBuf m = MultistreamCodec.encode(io.netty.buffer.ByteBufAllocator.DEFAULT, message);
        into.writeBytes(m);
        m.release();
    }

    private static ByteBuf collectOutbound(EmbeddedChannel ch) {
        ByteBuf all = Unpooled.buffer();
        ByteBuf m;
        while ((m = ch.readOutbound()) != null) {
            all.writeBytes(m);
            m.release();
        }
        return all;
    }

    static void assertFailure(CompletableFuture<?> f, String messagePart) {
        assertThat(f).isCompletedExceptionally();
        Assertions.assertThatThrownBy(f::join).isInstanceOf(CompletionException.class)
            .cause().isInstanceOf(ProtocolNegotiationException.class).hasMessageContaining(messagePart);
    }
}
