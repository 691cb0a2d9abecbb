package io.lockcron.spring.job;

import io.lockcron.job.JobContext;
import io.lockcron.job.JobHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/** Calls a {@code @ClusteredJob} method, with the fire's context if it takes one. */
record MethodJobHandler(Object bean, Method method, boolean takesContext) implements JobHandler {

    @Override
    public void execute(JobContext context) throws Exception {
        try {
            if (takesContext) {
                method.invoke(bean, context);
            } else {
                method.invoke(bean);
            }
        } catch (InvocationTargetException e) {
            // The job's own exception, not reflection's wrapper: that is what the execution records.
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
