package io.lockcron.shedlock;

import io.lockcron.testing.PostgresTestDatabase;
import io.lockcron.testing.TestDatabase;

class PostgresLockcronLockProviderIT extends LockcronLockProviderContractIT {
    private static final TestDatabase DATABASE = PostgresTestDatabase.named("lockcron_starter_test");

    @Override
    protected TestDatabase database() {
        return DATABASE;
    }
}
