package io.lockcron.internal.fire;

import io.lockcron.job.JobContext;
import io.lockcron.job.JobHandler;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/** Runs a job's handler on the calling thread, interrupting it once its timeout has passed. */
final class JobBody {
    private static final int RUNNING = 0;
    private static final int DONE = 1;
    private static final int TIMED_OUT = 2;

    private final ScheduledExecutorService timers;

    JobBody(ScheduledExecutorService timers) {
        this.timers = timers;
    }

    /** The handler's failure, or null if it returned normally within its timeout. */
    @Nullable
    Throwable run(JobHandler handler, JobContext context, @Nullable Duration timeout) {
        Thread worker = Thread.currentThread();
        AtomicInteger state = new AtomicInteger(RUNNING);
        ScheduledFuture<?> alarm = timeout == null
                ? null
                : timers.schedule(
                        () -> {
                            if (state.compareAndSet(RUNNING, TIMED_OUT)) {
                                worker.interrupt();
                            }
                        },
                        timeout.toMillis(),
                        TimeUnit.MILLISECONDS);
        Throwable failure = null;
        try {
            context.handle().getConnection(); // fail here, not inside the job, if the handle is unusable
            handler.execute(context);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable t) {
            failure = t;
        }
        if (alarm != null) {
            alarm.cancel(false);
        }
        if (!state.compareAndSet(RUNNING, DONE)) {
            Thread.interrupted(); // the interrupt was ours; do not let it hit the commit
            failure = new TimeoutException("Job '" + context.jobName() + "' ran longer than its timeout of " + timeout);
        }
        return failure;
    }
}
