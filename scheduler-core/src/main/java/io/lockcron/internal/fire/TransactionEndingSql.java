package io.lockcron.internal.fire;

import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Which SQL statements would end a fire's transaction if a job ran them: transaction control on
 * every database, and on MySQL, MariaDB and H2 also the statements that commit implicitly (DDL,
 * {@code TRUNCATE}, {@code LOCK TABLES}, ...). PostgreSQL runs DDL inside the transaction.
 */
final class TransactionEndingSql implements Predicate<String> {
    private static final Pattern LEADING_NOISE =
            Pattern.compile("^(\\s+|/\\*.*?\\*/|--[^\\n]*\\n?|#[^\\n]*\\n?|\\()+", Pattern.DOTALL);
    private static final Set<String> CONTROL = Set.of("COMMIT", "BEGIN", "START", "END", "XA", "PREPARE", "ABORT");
    /** MySQL's "Statements That Cause an Implicit Commit", by first keyword. */
    private static final Set<String> IMPLICIT_COMMIT = Set.of(
            "ALTER",
            "CREATE",
            "DROP",
            "RENAME",
            "TRUNCATE",
            "LOCK",
            "UNLOCK",
            "GRANT",
            "REVOKE",
            "ANALYZE",
            "OPTIMIZE",
            "REPAIR",
            "CHECK",
            "CACHE",
            "FLUSH",
            "RESET",
            "INSTALL",
            "UNINSTALL",
            "COMMENT");

    private final boolean implicitCommits;

    private TransactionEndingSql(boolean implicitCommits) {
        this.implicitCommits = implicitCommits;
    }

    static TransactionEndingSql forDialect(String dialect) {
        return new TransactionEndingSql(!dialect.equals("postgresql"));
    }

    @Override
    public boolean test(String sql) {
        String s = LEADING_NOISE.matcher(sql).replaceFirst("").toUpperCase(Locale.ROOT);
        String[] words = s.split("[\\s;(]+", 4);
        String first = words.length > 0 ? words[0] : "";
        String second = words.length > 1 ? words[1] : "";
        if (CONTROL.contains(first)) {
            return !(first.equals("PREPARE") && !second.equals("TRANSACTION"));
        }
        if (first.equals("ROLLBACK") || first.equals("RELEASE")) {
            // To a savepoint of the job's own it is fine; lockcron's are not the job's to remove.
            return !(second.equals("TO") || second.equals("SAVEPOINT")) || s.contains("LOCKCRON_");
        }
        if (first.equals("SET")) {
            String rest = s.replaceAll("\\s+", " ");
            return rest.matches(
                            "SET (SESSION |LOCAL |@@SESSION\\.|@@)?(AUTOCOMMIT|TRANSACTION|SESSION CHARACTERISTICS)\\b.*")
                    || rest.startsWith("SET TRANSACTION")
                    || rest.startsWith("SET SESSION TRANSACTION")
                    || rest.startsWith("SET SESSION CHARACTERISTICS");
        }
        if (implicitCommits && first.equals("LOAD")) {
            return second.equals("INDEX"); // LOAD DATA stays in the transaction
        }
        if (!implicitCommits || !IMPLICIT_COMMIT.contains(first)) {
            return false;
        }
        // Temporary tables are the exception MySQL makes: creating or dropping one does not commit.
        return !((first.equals("CREATE") || first.equals("DROP")) && second.equals("TEMPORARY"));
    }
}
