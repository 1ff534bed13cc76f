package dev.privacyagent.sample.protocol;

import java.util.concurrent.CompletableFuture;

/** Sends bytes on an /echo/1.0.0 stream, half-closes, and completes with everything echoed back. */
public interface EchoController {
    CompletableFuture<byte[]> echo(byte[] data);
}
