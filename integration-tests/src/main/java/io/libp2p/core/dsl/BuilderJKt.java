package io.libp2p.core.dsl;

import io.libp2p.core.Host;
import java.util.function.Consumer;

/** {@code hostJ(defaults, b -> ...)}: the host DSL for Java (Teku builds its host this way). */
public final class BuilderJKt {
    private BuilderJKt() {
    }

    public static final Host hostJ(Builder.Defaults defaults, Consumer<BuilderJ> fn) {
        BuilderJ b = new BuilderJ(defaults);
        fn.accept(b);
        return b.build();
    }
}
