package io.lockcron.shedlock;

import io.lockcron.InvalidJobException;
import io.lockcron.job.JobDefinition;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import net.javacrumbs.shedlock.core.ExtensibleLockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.SimpleLock;

/**
 * A ShedLock {@link net.javacrumbs.shedlock.core.LockProvider} whose locks are rows of lockcron's
 * {@code lock_cron} table: {@code @SchedulerLock} methods keep working while a service moves to
 * lockcron, and their locks show up beside its jobs in the client and the console.
 *
 * <p>The semantics are ShedLock's: a lock is held until it is unlocked or {@code lockAtMostFor} has
 * passed, and an unlocked lock stays held until {@code lockAtLeastFor} has passed since it was
 * taken. Three things are stricter than ShedLock's JDBC providers:
 *
 * <ul>
 *   <li>every time is the database's: expiry is decided in SQL against the database clock, so a
 *       node whose clock is off neither steals a lock early nor keeps it too long;
 *   <li>each acquisition increments the row's fencing token;
 *   <li>unlock and extend act only for the holder of that token, so a node whose lock expired and
 *       was taken over cannot release or prolong the new holder's lock.
 * </ul>
 *
 * <p>The lock named {@code x} is the row {@code shedlock:x} (trigger type {@code ON_DEMAND},
 * mode {@code LEASE}, status {@code RUNNING} while held); lockcron nodes never fire these rows.
 * Job names beginning with {@value #NAME_PREFIX} are therefore reserved. The tables must exist:
 * run {@code sql/<dialect>/schema.sql} first.
 */
public final class LockcronLockProvider implements ExtensibleLockProvider {
    /** The prefix of every ShedLock row in {@code lock_cron}. */
    public static final String NAME_PREFIX = "shedlock:";
    /** The longest ShedLock lock name that fits {@code lock_cron.lock_name} with its prefix. */
    public static final int MAX_NAME_LENGTH = JobDefinition.MAX_NAME_LENGTH - NAME_PREFIX.length();

    private final LeaseStore store;
    private final String owner;

    /** Locks in the unprefixed lockcron tables, held in the name of this host and process. */
    public LockcronLockProvider(DataSource dataSource) {
        this(dataSource, "");
    }

    /** Locks in the tables named with {@code tablePrefix} (as {@code lockcron.table-prefix}). */
    public LockcronLockProvider(DataSource dataSource, String tablePrefix) {
        this(dataSource, tablePrefix, defaultOwner());
    }

    /**
     * @param owner written to {@code owner_node} while this provider holds a lock, for people
     *     reading the table; safety rests on the fencing token, not on it
     */
    public LockcronLockProvider(DataSource dataSource, String tablePrefix, String owner) {
        this.store = new LeaseStore(Objects.requireNonNull(dataSource, "dataSource"), tablePrefix);
        this.owner = Objects.requireNonNull(owner, "owner");
    }

    @Override
    public Optional<SimpleLock> lock(LockConfiguration configuration) {
        String row = rowName(configuration.getName());
        return store.acquire(row, owner, configuration.getLockAtMostFor())
                .map(lease -> new LeaseLock(configuration, store, lease));
    }

    /** The {@code lock_cron.lock_name} of the ShedLock lock {@code name}. */
    public static String rowName(String name) {
        if (name.length() > MAX_NAME_LENGTH) {
            throw new InvalidJobException("ShedLock lock '" + name + "': the name has " + name.length()
                    + " characters; lockcron stores it as '" + NAME_PREFIX + "<name>' in lock_cron.lock_name,"
                    + " where at most " + MAX_NAME_LENGTH + " fit. Shorten @SchedulerLock(name = ...).");
        }
        return NAME_PREFIX + name;
    }

    static String defaultOwner() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        String owner = host + ":" + ManagementFactory.getRuntimeMXBean().getPid();
        return owner.length() <= 100 ? owner : owner.substring(owner.length() - 100);
    }
}
