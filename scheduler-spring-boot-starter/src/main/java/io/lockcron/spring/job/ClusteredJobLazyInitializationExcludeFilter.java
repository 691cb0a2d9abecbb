package io.lockcron.spring.job;

import io.lockcron.spring.ClusteredJob;
import java.util.Map;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;

/**
 * Keeps beans with {@code @ClusteredJob} methods eager under {@code spring.main.lazy-initialization}:
 * a lazy one would never be created, so its jobs would never be found and never fire — as Boot
 * does for {@code @Scheduled}.
 */
public final class ClusteredJobLazyInitializationExcludeFilter implements LazyInitializationExcludeFilter {

    @Override
    public boolean isExcluded(String beanName, BeanDefinition beanDefinition, Class<?> beanType) {
        if (!AnnotationUtils.isCandidateClass(beanType, ClusteredJob.class)) {
            return false;
        }
        Map<?, ?> methods = MethodIntrospector.selectMethods(beanType, (MethodIntrospector.MetadataLookup<ClusteredJob>)
                method -> AnnotatedElementUtils.findMergedAnnotation(method, ClusteredJob.class));
        return !methods.isEmpty();
    }
}
