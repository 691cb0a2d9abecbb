package io.lockcron;

import io.lockcron.testing.TestDatabase;

class PostgresActionsDuringFiresIT extends ActionsDuringFiresContractIT {
    @Override
    protected TestDatabase database() {
        return PostgresSchedulerIT.DATABASE;
    }
}
