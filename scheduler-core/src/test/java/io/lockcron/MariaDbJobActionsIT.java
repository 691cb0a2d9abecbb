package io.lockcron;

import io.lockcron.testing.TestDatabase;

class MariaDbJobActionsIT extends JobActionsContractIT {
    @Override
    protected TestDatabase database() {
        return MariaDbSchedulerIT.DATABASE;
    }
}
