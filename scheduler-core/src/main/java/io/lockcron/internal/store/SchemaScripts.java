package io.lockcron.internal.store;

import io.lockcron.LockcronException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Runs the shipped {@code sql/<dialect>/schema.sql} — the very file users run by hand — for
 * tests and for the Spring Boot starter's opt-in initializer. Never generates DDL.
 */
public final class SchemaScripts {
    private SchemaScripts() {}

    public static String resource(Dialect dialect) {
        return "/io/lockcron/sql/" + dialect.name() + "/schema.sql";
    }

    public static void install(DataSource dataSource, String tablePrefix) {
        Dialect dialect = Dialects.detect(dataSource);
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            for (String statement : statements(dialect, tablePrefix)) {
                s.execute(statement);
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
        } catch (SQLException e) {
            throw new LockcronException("Running " + resource(dialect) + " failed: " + e.getMessage(), e);
        }
    }

    static List<String> statements(Dialect dialect, String tablePrefix) {
        String script;
        try (InputStream in = SchemaScripts.class.getResourceAsStream(resource(dialect))) {
            if (in == null) {
                throw new LockcronException("missing " + resource(dialect) + " on the classpath");
            }
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new LockcronException("cannot read " + resource(dialect), e);
        }
        String body = script.lines()
                .filter(line -> !line.strip().startsWith("--"))
                .map(line -> line.replaceAll("\\s--.*$", ""))
                .collect(Collectors.joining("\n"));
        return Arrays.stream(body.split(";\\s*(\\n|$)"))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(s -> prefixed(s, tablePrefix))
                .toList();
    }

    private static String prefixed(String statement, String prefix) {
        if (prefix.isEmpty()) {
            return statement;
        }
        return statement.replaceAll(
                "\\b(lockcron_schema_version|lock_cron|job_execution|fire_attempt|failover_event|scheduler_node|audit_event|fencing_event|job_registration|job_request)",
                prefix + "$1");
    }
}
