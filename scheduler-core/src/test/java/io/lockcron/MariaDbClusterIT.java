package io.lockcron;

import io.lockcron.testing.TestDatabase;

class MariaDbClusterIT extends ClusterContractIT {
    @Override
    protected TestDatabase database() {
        return MariaDbSchedulerIT.DATABASE;
    }
}
