package io.libp2p.protocol;

import java.util.concurrent.CompletableFuture;

/** Sends one ping; completes with the round-trip time in milliseconds. */
public interface PingController {
    CompletableFuture<Long> ping();
}
