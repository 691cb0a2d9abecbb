package io.lockcron;

import io.lockcron.testing.TestDatabase;

class H2ActionsDuringFiresIT extends ActionsDuringFiresContractIT {
    @Override
    protected TestDatabase database() {
        return io.lockcron.testing.H2TestDatabase.named("lockcron_requests");
    }
}
