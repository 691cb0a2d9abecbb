package io.lockcron;

import io.lockcron.testing.TestDatabase;

class H2ClusterIT extends ClusterContractIT {
    @Override
    protected TestDatabase database() {
        return H2SchedulerIT.DATABASE;
    }
}
