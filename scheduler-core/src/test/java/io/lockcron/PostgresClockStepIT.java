package io.lockcron;

import io.lockcron.testing.PrivatePostgres;
import io.lockcron.testing.PrivateServer;

class PostgresClockStepIT extends ClockStepContractIT {
    @Override
    protected PrivateServer startFakeTimeServer() {
        return PrivatePostgres.start(true);
    }
}
