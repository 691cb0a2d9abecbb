package io.lockcron;

import io.lockcron.testing.TestDatabase;

class MariaDbFailoverIT extends FailoverContractIT {
    @Override
    protected TestDatabase database() {
        return MariaDbSchedulerIT.DATABASE;
    }
}
