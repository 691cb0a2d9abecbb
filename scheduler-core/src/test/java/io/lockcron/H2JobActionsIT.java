package io.lockcron;

import io.lockcron.testing.TestDatabase;

class H2JobActionsIT extends JobActionsContractIT {
    @Override
    protected TestDatabase database() {
        return io.lockcron.testing.H2TestDatabase.named("lockcron_actions");
    }
}
