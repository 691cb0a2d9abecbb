package io.lockcron.shedlock;

import io.lockcron.testing.H2TestDatabase;
import io.lockcron.testing.TestDatabase;

class H2LockcronLockProviderIT extends LockcronLockProviderContractIT {
    private static final TestDatabase DATABASE = H2TestDatabase.named("lockcron_shedlock");

    @Override
    protected TestDatabase database() {
        return DATABASE;
    }
}
