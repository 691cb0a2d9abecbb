package io.lockcron;

import io.lockcron.testing.TestDatabase;

class PostgresClusterIT extends ClusterContractIT {
    @Override
    protected TestDatabase database() {
        return PostgresSchedulerIT.DATABASE;
    }
}
