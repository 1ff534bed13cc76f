package io.libp2p.core;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/** The stream being opened and the controller its protocol will provide. */
public final class StreamPromise<T> {
    private final CompletableFuture<Stream> stream;
    private final CompletableFuture<T> controller;

    public StreamPromise(CompletableFuture<Stream> stream, CompletableFuture<T> controller) {
        this.stream = Objects.requireNonNull(stream, "stream");
        this.controller = Objects.requireNonNull(controller, "controller");
    }

    public StreamPromise() {
        this(new CompletableFuture<>(), new CompletableFuture<>());
    }

    public CompletableFuture<Stream> getStream() {
        return stream;
    }

    public CompletableFuture<T> getController() {
        return controller;
    }

    public CompletableFuture<Stream> component1() {
        return stream;
    }

    public CompletableFuture<T> component2() {
        return controller;
    }

    public StreamPromise<T> copy(CompletableFuture<Stream> stream, CompletableFuture<T> controller) {
        return new StreamPromise<>(stream, controller);
    }

    @Override
    public String toString() {
        return "StreamPromise(stream=" + stream + ", controller=" + controller + ")";
    }

    @Override
    public int hashCode() {
        return Objects.hash(stream, controller);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StreamPromise<?> p && stream.equals(p.stream) && controller.equals(p.controller);
    }
}
