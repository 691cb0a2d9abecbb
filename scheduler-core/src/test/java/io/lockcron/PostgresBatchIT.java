package io.lockcron;

import io.lockcron.testing.TestDatabase;

class PostgresBatchIT extends BatchContractIT {
    @Override
    protected TestDatabase database() {
        return PostgresSchedulerIT.DATABASE;
    }

    @Override
    protected Class<?> driverConnection() {
        return org.postgresql.PGConnection.class;
    }
}
