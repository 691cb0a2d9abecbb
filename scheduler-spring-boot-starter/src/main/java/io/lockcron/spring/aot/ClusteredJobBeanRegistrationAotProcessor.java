package io.lockcron.spring.aot;

import io.lockcron.spring.ClusteredJob;
import java.lang.reflect.Method;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.ExecutableMode;
import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;

/** Keeps every {@code @ClusteredJob} method invocable by reflection in a native image: the starter calls it that way. */
public final class ClusteredJobBeanRegistrationAotProcessor implements BeanRegistrationAotProcessor {

    @Override
    public @Nullable BeanRegistrationAotContribution processAheadOfTime(RegisteredBean bean) {
        Class<?> type = bean.getBeanClass();
        if (!AnnotationUtils.isCandidateClass(type, ClusteredJob.class)) {
            return null;
        }
        Map<Method, ClusteredJob> methods =
                MethodIntrospector.selectMethods(type, (MethodIntrospector.MetadataLookup<ClusteredJob>)
                        method -> AnnotatedElementUtils.findMergedAnnotation(method, ClusteredJob.class));
        if (methods.isEmpty()) {
            return null;
        }
        return (generationContext, code) -> methods.keySet()
                .forEach(method ->
                        generationContext.getRuntimeHints().reflection().registerMethod(method, ExecutableMode.INVOKE));
    }
}
