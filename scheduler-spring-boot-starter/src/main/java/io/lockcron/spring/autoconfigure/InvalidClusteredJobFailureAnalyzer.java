package io.lockcron.spring.autoconfigure;

import io.lockcron.spring.InvalidClusteredJobException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports a bad {@code @ClusteredJob} as "APPLICATION FAILED TO START" with the bean, method, attribute and fix. */
final class InvalidClusteredJobFailureAnalyzer extends AbstractFailureAnalyzer<InvalidClusteredJobException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidClusteredJobException cause) {
        String value = cause.value() == null ? "" : " = \"" + cause.value() + "\"";
        return new FailureAnalysis(
                "The @ClusteredJob on bean '" + cause.beanName() + "', method " + cause.method()
                        + " is invalid.\n\n    Attribute: " + cause.attribute() + value + "\n    Problem: "
                        + cause.problem(),
                "Fix the " + cause.attribute() + " of @ClusteredJob on " + cause.method() + ".",
                cause);
    }
}
