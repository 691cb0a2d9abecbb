package io.lockcron.spring;

import io.lockcron.InvalidJobException;
import java.lang.reflect.Method;
import org.jspecify.annotations.Nullable;

/** A {@link ClusteredJob} that cannot be scheduled; the message names the bean, method, attribute and value. */
public class InvalidClusteredJobException extends InvalidJobException {
    private static final long serialVersionUID = 1L;

    private final String beanName;
    private final String method;
    private final String attribute;
    private final @Nullable String value;
    private final String problem;

    public InvalidClusteredJobException(
            String beanName,
            Method method,
            String attribute,
            @Nullable String value,
            String problem,
            @Nullable Throwable cause) {
        super(message(beanName, describe(method), attribute, value, problem), cause);
        this.beanName = beanName;
        this.method = describe(method);
        this.attribute = attribute;
        this.value = value;
        this.problem = problem;
    }

    public String beanName() {
        return beanName;
    }

    /** {@code SimpleClassName.method()}. */
    public String method() {
        return method;
    }

    /** The annotation attribute at fault, or {@code "method"} for the method's own signature. */
    public String attribute() {
        return attribute;
    }

    public @Nullable String value() {
        return value;
    }

    /** What is wrong and how to fix it. */
    public String problem() {
        return problem;
    }

    static String describe(Method method) {
        return method.getDeclaringClass().getSimpleName() + "." + method.getName() + "()";
    }

    private static String message(
            String beanName, String method, String attribute, @Nullable String value, String problem) {
        String where = "@ClusteredJob on bean '" + beanName + "', method " + method;
        String what = value == null ? attribute : attribute + " = \"" + value + "\"";
        return where + ", " + what + ": " + problem;
    }
}
