package io.lockcron;

import io.lockcron.testing.PostgresTestDatabase;
import io.lockcron.testing.TestDatabase;

class PostgresSchedulerIT extends SchedulerContractIT {
    static final TestDatabase DATABASE = PostgresTestDatabase.named("lockcron_test");

    @Override
    protected TestDatabase database() {
        return DATABASE;
    }
}
