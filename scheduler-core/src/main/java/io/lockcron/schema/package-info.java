/**
 * lockcron's tables as a public API: which script creates them for a database, running it, and the
 * check a node runs at start. Flyway and Liquibase users find migrations generated from the same
 * scripts under {@code io/lockcron/flyway/<dialect>} and {@code io/lockcron/liquibase}.
 */
@NullMarked
package io.lockcron.schema;

import org.jspecify.annotations.NullMarked;
