package io.libp2p.core.pubsub;

import io.libp2p.pubsub.PubsubApiImpl;
import io.libp2p.pubsub.PubsubRouter;
import java.util.concurrent.CompletableFuture;

/** Top-level functions and constants of jvm-libp2p's PubsubApi.kt. */
public final class PubsubApiKt {
    private static final CompletableFuture<ValidationResult> RESULT_VALID = CompletableFuture.completedFuture(ValidationResult.Valid);
    private static final CompletableFuture<ValidationResult> RESULT_INVALID = CompletableFuture.completedFuture(ValidationResult.Invalid);
    private static final CompletableFuture<ValidationResult> RESULT_IGNORE = CompletableFuture.completedFuture(ValidationResult.Ignore);

    private PubsubApiKt() {
    }

    public static final PubsubApi createPubsubApi(PubsubRouter router) {
        return new PubsubApiImpl(router);
    }

    public static final CompletableFuture<ValidationResult> getRESULT_VALID() {
        return RESULT_VALID;
    }

    public static final CompletableFuture<ValidationResult> getRESULT_INVALID() {
        return RESULT_INVALID;
    }

    public static final CompletableFuture<ValidationResult> getRESULT_IGNORE() {
        return RESULT_IGNORE;
    }
}
