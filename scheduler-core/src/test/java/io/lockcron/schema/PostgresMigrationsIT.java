package io.lockcron.schema;

import io.lockcron.testing.PostgresTestDatabase;
import io.lockcron.testing.TestDatabase;

class PostgresMigrationsIT extends MigrationsContractIT {
    private static final TestDatabase DATABASE = PostgresTestDatabase.named("lockcron_migrations");

    @Override
    protected TestDatabase database() {
        return DATABASE;
    }
}
