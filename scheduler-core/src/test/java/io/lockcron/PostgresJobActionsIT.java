package io.lockcron;

import io.lockcron.testing.TestDatabase;

class PostgresJobActionsIT extends JobActionsContractIT {
    @Override
    protected TestDatabase database() {
        return PostgresSchedulerIT.DATABASE;
    }
}
