package io.lockcron;

import io.lockcron.testing.MariaDbTestDatabase;
import io.lockcron.testing.TestDatabase;

class MariaDbSchedulerIT extends SchedulerContractIT {
    static final TestDatabase DATABASE = MariaDbTestDatabase.named("lockcron_test");

    @Override
    protected TestDatabase database() {
        return DATABASE;
    }
}
