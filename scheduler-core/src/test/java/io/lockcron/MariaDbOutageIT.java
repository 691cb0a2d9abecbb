package io.lockcron;

import io.lockcron.testing.TestDatabase;

class MariaDbOutageIT extends OutageContractIT {
    @Override
    protected TestDatabase database() {
        return MariaDbSchedulerIT.DATABASE;
    }
}
