package io.lockcron.admin.cluster;

import io.lockcron.SchedulerClient;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The console's way to the cluster's tables: the application's {@link SchedulerClient}, or one of
 * its own. Its own is created on first use rather than at start, because creating one needs a
 * connection and the console should start (and say what is wrong) while the database is down.
 */
public final class ConsoleClient {
    private final Supplier<SchedulerClient> factory;
    private volatile @Nullable SchedulerClient client;

    private ConsoleClient(Supplier<SchedulerClient> factory) {
        this.factory = factory;
    }

    public static ConsoleClient of(SchedulerClient client) {
        ConsoleClient console = new ConsoleClient(() -> client);
        console.client = client;
        return console;
    }

    /** A client created by {@code factory} on first use; a failed creation is retried on the next use. */
    public static ConsoleClient deferred(Supplier<SchedulerClient> factory) {
        return new ConsoleClient(factory);
    }

    public SchedulerClient get() {
        SchedulerClient current = client;
        if (current == null) {
            synchronized (this) {
                current = client;
                if (current == null) {
                    current = factory.get();
                    client = current;
                }
            }
        }
        return current;
    }
}
