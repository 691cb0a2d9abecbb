package io.lockcron.spring.job;

import io.lockcron.LockcronException;
import io.lockcron.job.JobContext;
import io.lockcron.job.JobDefinition;
import io.lockcron.spring.ClusteredJob;
import io.lockcron.trigger.MisfirePolicy;
import io.lockcron.trigger.Trigger;
import io.lockcron.trigger.Triggers;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.ReflectionUtils;
import org.springframework.util.StringValueResolver;

/**
 * Builds the {@link JobDefinition} of a {@code @ClusteredJob} method, resolving placeholders and
 * checking every attribute; each failure names the bean, the method, the attribute and its value.
 */
final class ClusteredJobFactory {
    private static final String DURATION_HINT = "write a duration such as '30s', '5m', '500ms' or 'PT30S'";

    private final @Nullable StringValueResolver resolver;

    ClusteredJobFactory(@Nullable StringValueResolver resolver) {
        this.resolver = resolver;
    }

    /** The job, or empty when {@code enabled} resolves to false. */
    Optional<JobDefinition> create(ClusteredJobMethod source) {
        ClusteredJob a = source.annotation();
        if (!enabled(source, a.enabled())) {
            return Optional.empty();
        }
        boolean takesContext = checkSignature(source);
        String name = resolve(source, "name", a.name());
        if (name.isEmpty()) {
            name = source.beanName() + "." + source.method().getName();
        }
        String jobName = name;
        attempt(source, "name", name, () -> {
            JobDefinition.checkName(jobName);
            return null;
        });
        JobDefinition.Builder builder = JobDefinition.builder(name).trigger(trigger(source, a));
        builder.misfire(a.misfire());
        if (a.misfire() == MisfirePolicy.CATCH_UP) {
            if (a.catchUpLimit() < 1) {
                throw source.invalid(
                        "catchUpLimit", String.valueOf(a.catchUpLimit()), "run at least 1 missed fire: set 1 or more.");
            }
            builder.catchUp(a.catchUpLimit());
        }
        Duration backoff = duration(source, "backoff", a.backoff(), Duration.ZERO);
        if (backoff.isNegative()) {
            throw source.invalid("backoff", a.backoff(), "the backoff must not be negative.");
        }
        attempt(source, "maxAttempts", String.valueOf(a.maxAttempts()), () -> builder.retry(a.maxAttempts(), backoff));
        Duration timeout = duration(source, "timeout", a.timeout(), null);
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw source.invalid("timeout", a.timeout(), "the timeout must be positive; leave it empty for no limit.");
        }
        builder.timeout(timeout);
        builder.mode(a.mode());
        Method invocable =
                AopUtils.selectInvocableMethod(source.method(), source.bean().getClass());
        ReflectionUtils.makeAccessible(invocable);
        builder.handler(new MethodJobHandler(source.bean(), invocable, takesContext));
        return Optional.of(attempt(source, "name", name, builder::build));
    }

    private Trigger trigger(ClusteredJobMethod source, ClusteredJob a) {
        String cron = resolve(source, "cron", a.cron());
        String fixedRate = resolve(source, "fixedRate", a.fixedRate());
        String fixedDelay = resolve(source, "fixedDelay", a.fixedDelay());
        String initialDelay = resolve(source, "initialDelay", a.initialDelay());
        String zone = resolve(source, "zone", a.zone());
        List<String> set = new ArrayList<>();
        if (!cron.isEmpty()) {
            set.add("cron");
        }
        if (!fixedRate.isEmpty()) {
            set.add("fixedRate");
        }
        if (!fixedDelay.isEmpty()) {
            set.add("fixedDelay");
        }
        if (a.onDemand()) {
            set.add("onDemand");
        }
        if (set.size() != 1) {
            throw source.invalid(
                    set.isEmpty() ? "cron" : String.join(", ", set),
                    null,
                    (set.isEmpty() ? "no schedule is set" : "more than one schedule is set")
                            + ". Set exactly one of cron, fixedRate, fixedDelay or onDemand = true.");
        }
        if (!initialDelay.isEmpty() && fixedRate.isEmpty() && fixedDelay.isEmpty()) {
            throw source.invalid(
                    "initialDelay",
                    initialDelay,
                    "an initial delay applies only to fixedRate or fixedDelay. Remove it, or use one of them.");
        }
        if (!"UTC".equals(zone) && cron.isEmpty()) {
            throw source.invalid("zone", zone, "a zone applies only to cron. Remove it, or use a cron expression.");
        }
        Duration initial = duration(source, "initialDelay", initialDelay, Duration.ZERO);
        if (!cron.isEmpty()) {
            ZoneId zoneId = attempt(source, "zone", zone, () -> Triggers.zone(zone));
            // Spring's meaning (@Scheduled, ShedLock), stored with day names: see SpringCron.
            return attempt(source, "cron", cron, () -> Triggers.cron(SpringCron.toQuartz(cron), zoneId));
        }
        if (!fixedRate.isEmpty()) {
            Duration period = duration(source, "fixedRate", fixedRate, null);
            return attempt(source, "fixedRate", fixedRate, () -> Triggers.fixedRate(period, initial));
        }
        if (!fixedDelay.isEmpty()) {
            Duration delay = duration(source, "fixedDelay", fixedDelay, null);
            return attempt(source, "fixedDelay", fixedDelay, () -> Triggers.fixedDelay(delay, initial));
        }
        return Triggers.onDemand();
    }

    private boolean enabled(ClusteredJobMethod source, String value) {
        String resolved = resolve(source, "enabled", value);
        if (resolved.equalsIgnoreCase("true")) {
            return true;
        }
        if (resolved.equalsIgnoreCase("false")) {
            return false;
        }
        throw source.invalid("enabled", resolved, "write 'true' or 'false'.");
    }

    private static boolean checkSignature(ClusteredJobMethod source) {
        Method method = source.method();
        if (Modifier.isStatic(method.getModifiers())) {
            throw source.invalid("method", null, "the method is static. Make it an instance method of the bean.");
        }
        if (method.getReturnType() != void.class) {
            throw source.invalid(
                    "method",
                    null,
                    "the method returns " + method.getReturnType().getSimpleName()
                            + ". A job method returns void: work handed to another thread would escape the"
                            + " fire's transaction and lock.");
        }
        Class<?>[] parameters = method.getParameterTypes();
        if (parameters.length == 0) {
            return false;
        }
        if (parameters.length == 1 && parameters[0] == JobContext.class) {
            return true;
        }
        throw source.invalid(
                "method",
                null,
                "the method takes " + describe(parameters)
                        + ". A job method takes no parameter or one io.lockcron.job.JobContext.");
    }

    private String resolve(ClusteredJobMethod source, String attribute, String value) {
        if (resolver == null || value.isEmpty()) {
            return value.strip();
        }
        try {
            String resolved = resolver.resolveStringValue(value);
            if (resolved != null && resolved.contains("${")) {
                throw new IllegalArgumentException("no property for the placeholder in '" + resolved + "'");
            }
            return resolved == null ? "" : resolved.strip();
        } catch (RuntimeException e) {
            throw source.invalid(
                    attribute,
                    value,
                    "the value cannot be resolved (" + e.getMessage()
                            + "). Define the property, or give the placeholder a default: ${name:default}.",
                    e);
        }
    }

    private @Nullable Duration duration(
            ClusteredJobMethod source, String attribute, String value, @Nullable Duration fallback) {
        String resolved = resolve(source, attribute, value);
        if (resolved.isEmpty()) {
            return fallback;
        }
        try {
            return DurationStyle.detectAndParse(resolved);
        } catch (IllegalArgumentException e) {
            throw source.invalid(attribute, resolved, "not a duration: " + DURATION_HINT + ".", e);
        }
    }

    private static <T> T attempt(ClusteredJobMethod source, String attribute, String value, Supplier<T> step) {
        try {
            return step.get();
        } catch (LockcronException | IllegalArgumentException e) {
            throw source.invalid(attribute, value, e.getMessage(), e);
        }
    }

    private static String describe(Class<?>[] parameters) {
        List<String> names = new ArrayList<>();
        for (Class<?> p : parameters) {
            names.add(p.getSimpleName());
        }
        return "(" + String.join(", ", names) + ")";
    }
}
