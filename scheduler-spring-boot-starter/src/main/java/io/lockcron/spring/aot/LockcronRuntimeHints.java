package io.lockcron.spring.aot;

import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

/**
 * What a native image of a lockcron application must keep that no code path shows the compiler:
 * the schema scripts, the runtime statements (loaded by name, per dialect) and the migrations.
 */
public final class LockcronRuntimeHints implements RuntimeHintsRegistrar {

    @Override
    public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
        hints.resources()
                .registerPattern("io/lockcron/sql/**")
                .registerPattern("io/lockcron/internal/store/sql/**")
                .registerPattern("io/lockcron/liquibase/**")
                .registerPattern("io/lockcron/flyway/**");
    }
}
