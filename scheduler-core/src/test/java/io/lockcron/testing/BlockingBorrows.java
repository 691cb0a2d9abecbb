package io.lockcron.testing;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A pool that runs dry on cue: once armed, the next connection a thread named {@code prefix…}
 * borrows goes through (a fire's locking transaction), and every borrow after it, by any thread,
 * blocks until {@link #release} — as an exhausted pool makes a fire's second borrow (its attempt
 * record) and the node's heartbeat wait while the fire holds the job's row lock.
 */
public final class BlockingBorrows implements DataSource {
    private enum State {
        OPEN,
        ARMED,
        BLOCKING
    }

    private static final Duration MAX_BLOCK = Duration.ofSeconds(90);
    private final DataSource pool;
    private final AtomicReference<State> state = new AtomicReference<>(State.OPEN);
    private final CountDownLatch released = new CountDownLatch(1);
    private final CountDownLatch blocking = new CountDownLatch(1);
    private volatile String prefix = "";

    public BlockingBorrows(DataSource pool) {
        this.pool = pool;
    }

    public void armAfterNextBorrowBy(String threadPrefix) {
        prefix = threadPrefix;
        state.set(State.ARMED);
    }

    /** Waits (bounded) until the pool has run dry behind the armed thread's borrow. */
    public boolean awaitBlocking(Duration timeout) throws InterruptedException {
        return blocking.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void release() {
        state.set(State.OPEN);
        released.countDown();
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (state.get() == State.BLOCKING) {
            try {
                released.await(MAX_BLOCK.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while the pool was dry", e);
            }
        } else if (Thread.currentThread().getName().startsWith(prefix)
                && state.compareAndSet(State.ARMED, State.BLOCKING)) {
            blocking.countDown();
        }
        return pool.getConnection();
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        throw new SQLException("not used by lockcron");
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() {
        return Logger.getLogger("io.lockcron.testing");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        return pool.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || pool.isWrapperFor(type);
    }
}
