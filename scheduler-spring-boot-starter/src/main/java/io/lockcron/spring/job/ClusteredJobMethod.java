package io.lockcron.spring.job;

import io.lockcron.spring.ClusteredJob;
import io.lockcron.spring.InvalidClusteredJobException;
import java.lang.reflect.Method;
import org.jspecify.annotations.Nullable;

/** One {@code @ClusteredJob} method of one bean: where a job comes from, for its error messages. */
record ClusteredJobMethod(String beanName, Object bean, Method method, ClusteredJob annotation) {

    InvalidClusteredJobException invalid(String attribute, @Nullable String value, String problem) {
        return invalid(attribute, value, problem, null);
    }

    InvalidClusteredJobException invalid(
            String attribute, @Nullable String value, String problem, @Nullable Throwable cause) {
        return new InvalidClusteredJobException(beanName, method, attribute, value, problem, cause);
    }
}
