package io.lockcron.spring.autoconfigure;

import io.lockcron.SchedulerBuilder;
import org.springframework.boot.thread.Threading;
import org.springframework.core.env.Environment;
import org.springframework.core.task.VirtualThreadTaskExecutor;

/** {@code spring.threads.virtual.enabled} on Java 21+: fires run on virtual threads, as Boot's own executors do. */
final class WorkerThreads {
    private WorkerThreads() {}

    static void apply(Environment environment, String nodeId, SchedulerBuilder builder) {
        if (Threading.VIRTUAL.isActive(environment)) {
            builder.workerThreadFactory(
                    new VirtualThreadTaskExecutor("lockcron-worker-" + nodeId + "-").getVirtualThreadFactory());
        }
    }
}
