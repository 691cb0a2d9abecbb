package io.lockcron.internal.store;

import io.lockcron.LockcronException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/** Loads runtime statements: {@code sql/<dialect>/<name>.sql} if present, else {@code sql/<name>.sql}. */
final class SqlLocator {
    private static final String ROOT = "/io/lockcron/internal/store/sql/";
    private final String dialect;
    private final Map<String, String> cache = new ConcurrentHashMap<>();

    SqlLocator(Dialect dialect) {
        this.dialect = dialect.name();
    }

    String get(String name) {
        return cache.computeIfAbsent(name, this::load);
    }

    private String load(String name) {
        String sql = read(ROOT + dialect + "/" + name + ".sql");
        if (sql == null) {
            sql = read(ROOT + name + ".sql");
        }
        if (sql == null) {
            throw new LockcronException("missing SQL resource " + ROOT + name + ".sql");
        }
        return sql;
    }

    private static @Nullable String read(String path) {
        try (InputStream in = SqlLocator.class.getResourceAsStream(path)) {
            if (in == null) {
                return null;
            }
            // Comments are for readers of the file; JDBI's parser need not see them.
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .filter(line -> !line.strip().startsWith("--"))
                    .collect(java.util.stream.Collectors.joining("\n"))
                    .strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
