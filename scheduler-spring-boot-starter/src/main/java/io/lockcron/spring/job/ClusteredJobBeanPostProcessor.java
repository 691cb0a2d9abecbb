package io.lockcron.spring.job;

import io.lockcron.job.JobDefinition;
import io.lockcron.spring.ClusteredJob;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EmbeddedValueResolverAware;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.StringValueResolver;

/**
 * Collects the {@code @ClusteredJob} methods of every bean as it is initialized, and turns each
 * into a {@link JobDefinition} at once, so that a bad annotation fails the startup with the bean's
 * name in the message. The scheduler takes the jobs when the application context starts.
 */
public final class ClusteredJobBeanPostProcessor
        implements BeanPostProcessor, EmbeddedValueResolverAware, BeanFactoryAware {
    private final Map<String, Registered> jobs = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Set<Class<?>> withoutJobs = ConcurrentHashMap.newKeySet();
    private @Nullable StringValueResolver resolver;
    private @Nullable ConfigurableListableBeanFactory beanFactory;

    private record Registered(JobDefinition job, ClusteredJobMethod source) {}

    @Override
    public void setEmbeddedValueResolver(StringValueResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        if (beanFactory instanceof ConfigurableListableBeanFactory listable) {
            this.beanFactory = listable;
        }
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        Class<?> type = AopUtils.getTargetClass(bean);
        if (withoutJobs.contains(type) || !AnnotationUtils.isCandidateClass(type, ClusteredJob.class)) {
            return bean;
        }
        Map<Method, ClusteredJob> methods =
                MethodIntrospector.selectMethods(type, (MethodIntrospector.MetadataLookup<ClusteredJob>)
                        method -> AnnotatedElementUtils.findMergedAnnotation(method, ClusteredJob.class));
        if (methods.isEmpty()) {
            withoutJobs.add(type);
            return bean;
        }
        ClusteredJobFactory factory = new ClusteredJobFactory(resolver);
        methods.forEach((method, annotation) -> {
            var source = new ClusteredJobMethod(beanName, bean, method, annotation);
            checkSingleton(source);
            factory.create(source).ifPresent(job -> register(job, source));
        });
        return bean;
    }

    /** The jobs found so far, in the order their beans were created. */
    public List<JobDefinition> jobs() {
        synchronized (jobs) {
            return new ArrayList<>(jobs.values().stream().map(Registered::job).toList());
        }
    }

    private void register(JobDefinition job, ClusteredJobMethod source) {
        Registered previous = jobs.putIfAbsent(job.name(), new Registered(job, source));
        if (previous != null) {
            throw source.invalid(
                    "name",
                    job.name(),
                    "bean '" + previous.source().beanName() + "', method "
                            + previous.source().method().getDeclaringClass().getSimpleName() + "."
                            + previous.source().method().getName()
                            + "() has a job of that name already. Job names key lock_cron: give each a"
                            + " unique name.");
        }
    }

    private void checkSingleton(ClusteredJobMethod source) {
        if (beanFactory != null
                && beanFactory.containsBeanDefinition(source.beanName())
                && !beanFactory.isSingleton(source.beanName())) {
            throw source.invalid(
                    "method",
                    null,
                    "the bean is not a singleton. A job belongs to one bean per application: make the bean"
                            + " a singleton.");
        }
    }
}
