package io.lockcron;

import io.lockcron.testing.TestDatabase;

class H2BatchIT extends BatchContractIT {
    @Override
    protected TestDatabase database() {
        return H2SchedulerIT.DATABASE;
    }

    @Override
    protected Class<?> driverConnection() {
        return org.h2.jdbc.JdbcConnection.class;
    }
}
