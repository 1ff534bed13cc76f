package io.libp2p.core;

import java.util.concurrent.CompletableFuture;

/** Handles a new stream and completes with the protocol's controller. */
public interface StreamHandler<TController> {
    CompletableFuture<TController> handleStream(Stream stream);
}
