package io.lockcron;

import io.lockcron.testing.TestDatabase;

class MariaDbProcessFailoverIT extends ProcessFailoverContractIT {
    @Override
    protected TestDatabase database() {
        return MariaDbSchedulerIT.DATABASE;
    }
}
