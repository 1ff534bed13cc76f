package io.libp2p.protocol;

import identify.pb.IdentifyOuterClass;
import java.util.concurrent.CompletableFuture;

/** Completes with the remote's identify message. */
public interface IdentifyController {
    CompletableFuture<IdentifyOuterClass.Identify> id();
}
