package io.lockcron;

import io.lockcron.testing.TestDatabase;

class PostgresOutageIT extends OutageContractIT {
    @Override
    protected TestDatabase database() {
        return PostgresSchedulerIT.DATABASE;
    }
}
