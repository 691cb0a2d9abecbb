package io.lockcron.spring.job;

import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The node's registered job names, to tell a job's own fire from a one-shot entry of it ({@code
 * job:instance}, scheduled with {@code scheduleOnce}). Metric tags and observation keys of low
 * cardinality take the job only, never the instance, whose values are unbounded.
 */
public final class JobNames {
    private final Supplier<Collection<String>> registered;
    private volatile @Nullable List<String> known;

    /** @param registered read at the first use, once the node has started with its jobs */
    public JobNames(Supplier<Collection<String>> registered) {
        this.registered = registered;
    }

    /** The registered job an entry named {@code name} runs: the name itself, or the job of a one-shot entry. */
    public String job(String name) {
        String job = registeredPrefix(name);
        return job == null ? name : job;
    }

    /** The one-shot instance of an entry named {@code name}, or null for a job's own fire. */
    public @Nullable String instance(String name) {
        String job = registeredPrefix(name);
        return job == null || job.length() == name.length() ? null : name.substring(job.length() + 1);
    }

    private @Nullable String registeredPrefix(String name) {
        String best = null;
        for (String job : names()) {
            if (name.equals(job)) {
                return job;
            }
            if (name.startsWith(job + ":") && (best == null || job.length() > best.length())) {
                best = job;
            }
        }
        return best;
    }

    private List<String> names() {
        List<String> names = known;
        if (names == null) {
            names = List.copyOf(registered.get());
            if (!names.isEmpty()) {
                known = names;
            }
        }
        return names;
    }
}
