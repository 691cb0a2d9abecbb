package io.lockcron.schema;

import io.lockcron.testing.H2TestDatabase;
import io.lockcron.testing.TestDatabase;

class H2MigrationsIT extends MigrationsContractIT {
    private static final TestDatabase DATABASE = H2TestDatabase.named("lockcron_migrations");

    @Override
    protected TestDatabase database() {
        return DATABASE;
    }
}
