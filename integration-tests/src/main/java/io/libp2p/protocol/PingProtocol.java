package io.libp2p.protocol;

import io.libp2p.core.BadPeerException;
import io.libp2p.core.ConnectionClosedException;
import io.libp2p.core.Libp2pException;
import io.libp2p.core.Stream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** /ipfs/ping/1.0.0: the initiator sends 32 random bytes, the responder echoes them. */
public class PingProtocol extends ProtocolHandler<PingController> {
    public static final int PING_SIZE = 32;

    /** Ping timeouts of every host share one daemon thread instead of one executor per protocol. */
    private static final ScheduledExecutorService TIMEOUTS = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "libp2p-ping-timeouts");
        t.setDaemon(true);
        return t;
    });

    private final int pingSize;
    private volatile Duration pingTimeout = Duration.ofSeconds(10);
    private volatile LongSupplier curTime = System::currentTimeMillis;
    private final Random random = new SecureRandom();

    public PingProtocol(int pingSize) {
        this.pingSize = pingSize;
    }

    public PingProtocol() {
        this(PING_SIZE);
    }

    public int getPingSize() {
        return pingSize;
    }

    public Duration getPingTimeout() {
        return pingTimeout;
    }

    public void setPingTimeout(Duration pingTimeout) {
        this.pingTimeout = pingTimeout;
    }

    @Override
    protected CompletableFuture<PingController> onStartInitiator(Stream stream) {
        PingInitiator handler = new PingInitiator();
        // echoes may arrive split or coalesced by the layers below; match them 32 bytes at a time
        stream.pushHandler(new io.netty.handler.codec.FixedLengthFrameDecoder(pingSize));
        stream.pushHandler(handler);
        return handler.activeFuture;
    }

    @Override
    protected CompletableFuture<PingController> onStartResponder(Stream stream) {
        PingResponder handler = new PingResponder();
        stream.pushHandler(handler);
        return CompletableFuture.completedFuture(handler);
    }

    /** Echoes every payload back. */
    public class PingResponder implements ProtocolMessageHandler<ByteBuf>, PingController {
        @Override
        public void onMessage(Stream stream, ByteBuf msg) {
            stream.writeAndFlush(msg.retain());
        }

        @Override
        public CompletableFuture<Long> ping() {
            return CompletableFuture.failedFuture(new Libp2pException("This is ping responder only"));
        }
    }

    /** Sends pings and matches echoes to measure the round trip in milliseconds. */
    public class PingInitiator implements ProtocolMessageHandler<ByteBuf>, PingController {
        final CompletableFuture<PingController> activeFuture = new CompletableFuture<>();
        private final Map<String, Pending> requests = new HashMap<>();
        private volatile Stream stream;
        private boolean closed;

        private record Pending(long sentAt, CompletableFuture<Long> future) {
        }

        public final Stream getStream() {
            Stream s = stream;
            if (s == null) {
                throw new kotlin.UninitializedPropertyAccessException("lateinit property stream has not been initialized");
            }
            return s;
        }

        @Override
        public void onActivated(Stream stream) {
            this.stream = stream;
            activeFuture.complete(this);
        }

        @Override
        public void onMessage(Stream stream, ByteBuf msg) {
            String key = ByteBufUtil.hexDump(msg);
            Pending p;
            synchronized (requests) {
                p = requests.remove(key);
            }
            if (p == null) {
                throw new BadPeerException("Unknown or expired ping data in response: " + key);
            }
            p.future.complete(curTime.getAsLong() - p.sentAt);
        }

        @Override
        public void onClosed(Stream stream) {
            synchronized (requests) {
                closed = true;
                for (Pending p : requests.values()) {
                    p.future.completeExceptionally(new ConnectionClosedException("Ping stream closed"));
                }
                requests.clear();
            }
            activeFuture.completeExceptionally(new ConnectionClosedException("Ping stream closed"));
        }

        @Override
        public CompletableFuture<Long> ping() {
            CompletableFuture<Long> ret = new CompletableFuture<>();
            byte[] data = new byte[pingSize];
            random.nextBytes(data);
            String key = ByteBufUtil.hexDump(data);
            synchronized (requests) {
                if (closed) {
                    return CompletableFuture.failedFuture(new ConnectionClosedException("Ping stream closed"));
                }
                requests.put(key, new Pending(curTime.getAsLong(), ret));
            }
            long timeoutMs = pingTimeout.toMillis();
            TIMEOUTS.schedule(() -> {
                Pending p;
                synchronized (requests) {
                    p = requests.remove(key);
                }
                if (p != null) {
                    p.future.completeExceptionally(new PingTimeoutException("No ping response within " + timeoutMs + " ms"));
                }
            }, timeoutMs, TimeUnit.MILLISECONDS);
            getStream().writeAndFlush(Unpooled.wrappedBuffer(data));
            return ret;
        }
    }
}
