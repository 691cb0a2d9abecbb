package io.lockcron.schema;

import io.lockcron.testing.MariaDbTestDatabase;
import io.lockcron.testing.TestDatabase;

class MariaDbMigrationsIT extends MigrationsContractIT {
    private static final TestDatabase DATABASE = MariaDbTestDatabase.named("lockcron_migrations");

    @Override
    protected TestDatabase database() {
        return DATABASE;
    }
}
