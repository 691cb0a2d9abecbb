package io.lockcron;

import io.lockcron.testing.PrivateMariaDb;
import io.lockcron.testing.PrivateServer;

class MariaDbClockStepIT extends ClockStepContractIT {
    @Override
    protected PrivateServer startFakeTimeServer() {
        return PrivateMariaDb.start(true);
    }
}
