package io.lockcron;

import io.lockcron.testing.TestDatabase;

class H2AttemptRecordIT extends AttemptRecordContractIT {
    @Override
    protected TestDatabase database() {
        return H2SchedulerIT.DATABASE;
    }

    @Override
    protected Class<?> driverConnection() {
        return org.h2.jdbc.JdbcConnection.class;
    }
}
