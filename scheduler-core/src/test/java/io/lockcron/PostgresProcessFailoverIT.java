package io.lockcron;

import io.lockcron.testing.TestDatabase;

class PostgresProcessFailoverIT extends ProcessFailoverContractIT {
    @Override
    protected TestDatabase database() {
        return PostgresSchedulerIT.DATABASE;
    }
}
