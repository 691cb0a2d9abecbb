package io.lockcron;

import io.lockcron.testing.TestDatabase;

class MariaDbBatchIT extends BatchContractIT {
    @Override
    protected TestDatabase database() {
        return MariaDbSchedulerIT.DATABASE;
    }

    @Override
    protected Class<?> driverConnection() {
        return com.mysql.cj.jdbc.JdbcConnection.class;
    }
}
