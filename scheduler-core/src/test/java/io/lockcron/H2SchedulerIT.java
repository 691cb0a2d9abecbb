package io.lockcron;

import io.lockcron.testing.H2TestDatabase;
import io.lockcron.testing.TestDatabase;

class H2SchedulerIT extends SchedulerContractIT {
    static final TestDatabase DATABASE = H2TestDatabase.named("lockcron_test");

    @Override
    protected TestDatabase database() {
        return DATABASE;
    }
}
