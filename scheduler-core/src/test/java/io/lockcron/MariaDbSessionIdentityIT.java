package io.lockcron;

import io.lockcron.testing.PrivateMariaDb;
import io.lockcron.testing.PrivateServer;

class MariaDbSessionIdentityIT extends SessionIdentityContractIT {
    @Override
    protected PrivateServer startServer() {
        return PrivateMariaDb.start(false);
    }

    @Override
    protected String sessionIdQuery() {
        return "SELECT CONNECTION_ID()";
    }

    @Override
    protected boolean idsRestartFromOne() {
        return true;
    }
}
