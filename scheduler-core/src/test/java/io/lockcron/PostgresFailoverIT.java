package io.lockcron;

import io.lockcron.testing.TestDatabase;

class PostgresFailoverIT extends FailoverContractIT {
    @Override
    protected TestDatabase database() {
        return PostgresSchedulerIT.DATABASE;
    }
}
