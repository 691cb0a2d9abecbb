package io.lockcron.shedlock;

import io.lockcron.testing.MariaDbTestDatabase;
import io.lockcron.testing.TestDatabase;

class MariaDbLockcronLockProviderIT extends LockcronLockProviderContractIT {
    private static final TestDatabase DATABASE = MariaDbTestDatabase.named("lockcron_starter_test");

    @Override
    protected TestDatabase database() {
        return DATABASE;
    }
}
