package io.lockcron;

import io.lockcron.testing.TestDatabase;

class MariaDbActionsDuringFiresIT extends ActionsDuringFiresContractIT {
    @Override
    protected TestDatabase database() {
        return MariaDbSchedulerIT.DATABASE;
    }
}
