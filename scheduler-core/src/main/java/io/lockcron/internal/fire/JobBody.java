package io.lockcron.internal.fire;

import io.lockcron.job.JobContext;
import io.lockcron.job.JobHandler;
import io.lockcron.job.JobInvoker;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Runs a job's handler on the calling thread, interrupting it once its timeout has passed, with
 * the fire in the logging context ({@link FireMdc}).
 */
final class JobBody {
    private static final int RUNNING = 0;
    private static final int DONE = 1;
    private static final int TIMED_OUT = 2;

    private final ScheduledExecutorService timers;
    private final JobInvoker invoker;

    JobBody(ScheduledExecutorService timers, JobInvoker invoker) {
        this.timers = timers;
        this.invoker = invoker;
    }

    /** The failure came from the thread being interrupted (shutdown, timeout, a lost lease). */
    static boolean wasInterrupted(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof InterruptedException
                    || t instanceof java.io.InterruptedIOException
                    || t instanceof java.nio.channels.ClosedByInterruptException) {
                return true;
            }
        }
        return false;
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
        try (FireMdc mdc = FireMdc.put(context)) {
            invoker.invoke(context, handler);
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
