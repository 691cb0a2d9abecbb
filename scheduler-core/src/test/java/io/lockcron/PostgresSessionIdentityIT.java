package io.lockcron;

import io.lockcron.testing.PrivatePostgres;
import io.lockcron.testing.PrivateServer;

/** PostgreSQL pids are the operating system's: they recycle, but not from 1 after a restart. */
class PostgresSessionIdentityIT extends SessionIdentityContractIT {
    @Override
    protected PrivateServer startServer() {
        return PrivatePostgres.start(false);
    }

    @Override
    protected String sessionIdQuery() {
        return "SELECT pg_backend_pid()";
    }

    @Override
    protected boolean idsRestartFromOne() {
        return false;
    }
}
