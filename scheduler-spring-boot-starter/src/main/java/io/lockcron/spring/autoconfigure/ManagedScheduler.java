package io.lockcron.spring.autoconfigure;

import io.lockcron.Scheduler;
import io.lockcron.SchedulerBuilder;
import io.lockcron.SchedulerClient;
import io.lockcron.job.JobDefinition;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;

/**
 * The {@link Scheduler} bean: its node is built and started when the application context starts
 * — once every bean's {@code @ClusteredJob} methods are known — and stopped, letting running
 * fires finish for up to {@code lockcron.shutdown-timeout}, when the context closes. It stops
 * before the web server and before the DataSource closes, and its stop blocks until the node has
 * left the cluster.
 */
public final class ManagedScheduler implements Scheduler, SmartLifecycle {
    private final SchedulerBuilder builder;
    private final Supplier<List<JobDefinition>> jobs;
    private final String nodeId;
    private final SchedulerClient client;
    private @Nullable Scheduler node;
    private @Nullable Thread keepAlive;
    private boolean jobsAdded;

    /**
     * @param builder configured except for the jobs, and with {@code nodeId} set
     * @param jobs read once, at the first start
     */
    public ManagedScheduler(
            SchedulerBuilder builder, Supplier<List<JobDefinition>> jobs, String nodeId, SchedulerClient client) {
        this.builder = builder;
        this.jobs = jobs;
        this.nodeId = nodeId;
        this.client = client;
    }

    @Override
    public synchronized void start() {
        if (node != null) {
            return;
        }
        if (!jobsAdded) {
            builder.jobs(jobs.get());
            jobsAdded = true;
        }
        // A stopped node cannot start again; a context restarted after stop() gets a new one.
        Scheduler fresh = builder.build();
        fresh.start();
        node = fresh;
        keepAlive = keepAlive();
    }

    /**
     * The node's threads are daemons; without a web server nothing else may keep the JVM up, and
     * a service that only runs jobs would exit right after starting. This thread lives until stop.
     */
    private static Thread keepAlive() {
        Thread thread = new Thread(
                () -> {
                    try {
                        Thread.sleep(Long.MAX_VALUE);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "lockcron-keep-alive");
        thread.setDaemon(false);
        thread.start();
        return thread;
    }

    @Override
    public synchronized void stop() {
        if (node != null) {
            try {
                node.stop();
            } finally {
                node = null;
                if (keepAlive != null) {
                    keepAlive.interrupt();
                    keepAlive = null;
                }
            }
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return node != null && node.isRunning();
    }

    /** Last to start, first to stop: jobs run only while everything they use is up. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }

    @Override
    public String nodeId() {
        return nodeId;
    }

    @Override
    public SchedulerClient client() {
        return client;
    }
}
