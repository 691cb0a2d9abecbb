package io.lockcron.spring.transaction;

import io.lockcron.job.JobContext;
import io.lockcron.job.JobHandler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.springframework.transaction.UnexpectedRollbackException;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionSynchronizationUtils;
import org.springframework.util.ClassUtils;

/**
 * Runs a job's body inside a fire's {@link SpringFireTransaction}, so that what the body does in
 * it commits with lockcron's record of the fire or is undone with the body's savepoint:
 *
 * <ul>
 *   <li>JDBC code gets the connection lockcron hands the job (the guarded one), bound for the
 *       DataSource for the body's length; a joined {@code @Transactional} method marking it
 *       rollback-only fails the body;
 *   <li>on success, pending JPA changes are flushed and {@code beforeCommit} callbacks run inside
 *       the body, so that their errors fail the body, not the fire's commit;
 *   <li>on failure, the persistence context is cleared (nothing the body left pending is flushed
 *       at the fire's commit) and the synchronizations the body registered are dropped, told
 *       {@code afterCompletion(ROLLED_BACK)}: the body's work never commits, so no
 *       {@code afterCommit} of its may run.
 * </ul>
 */
final class SpringFireBody {
    private static final boolean JPA_PRESENT = ClassUtils.isPresent(
            "org.springframework.orm.jpa.EntityManagerHolder", SpringFireBody.class.getClassLoader());

    private SpringFireBody() {}

    static void run(SpringFireTransaction transaction, JobContext context, JobHandler handler) throws Exception {
        Object managerHolder = TransactionSynchronizationManager.unbindResource(transaction.dataSource());
        FireConnectionHolder bodyHolder = new FireConnectionHolder(context.connection());
        TransactionSynchronizationManager.bindResource(transaction.dataSource(), bodyHolder);
        Set<TransactionSynchronization> before = identitySet(TransactionSynchronizationManager.getSynchronizations());
        try {
            handler.execute(context);
            failIfRollbackOnly(transaction, bodyHolder, context);
            transaction.status().flush();
            failIfRollbackOnly(transaction, bodyHolder, context);
            List<TransactionSynchronization> added = added(before);
            for (TransactionSynchronization synchronization : added) {
                synchronization.beforeCommit(false);
            }
            replace(
                    before,
                    added.stream()
                            .<TransactionSynchronization>map(BodySynchronization::new)
                            .toList(),
                    List.of());
        } catch (Exception | Error e) {
            discard(before);
            throw e;
        } finally {
            TransactionSynchronizationManager.unbindResourceIfPossible(transaction.dataSource());
            TransactionSynchronizationManager.bindResource(transaction.dataSource(), managerHolder);
        }
    }

    private static void failIfRollbackOnly(
            SpringFireTransaction transaction, FireConnectionHolder bodyHolder, JobContext context) {
        if (bodyHolder.isRollbackOnly() || transaction.status().isRollbackOnly()) {
            throw new UnexpectedRollbackException("Job '" + context.jobName() + "' joined a Spring transaction that"
                    + " was marked rollback-only (a @Transactional method or a JPA operation it called failed); its"
                    + " writes are rolled back and the fire counts as failed.");
        }
    }

    private static void discard(Set<TransactionSynchronization> before) {
        if (JPA_PRESENT) {
            EntityManagers.clearBound();
        }
        List<TransactionSynchronization> dropped = added(before);
        replace(before, List.of(), dropped);
        TransactionSynchronizationUtils.invokeAfterCompletion(dropped, TransactionSynchronization.STATUS_ROLLED_BACK);
    }

    private static List<TransactionSynchronization> added(Set<TransactionSynchronization> before) {
        List<TransactionSynchronization> added = new ArrayList<>();
        for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
            if (!before.contains(synchronization)) {
                added.add(synchronization);
            }
        }
        return added;
    }

    /** Spring has no way to unregister one synchronization: start over with the ones to keep. */
    private static void replace(
            Set<TransactionSynchronization> before,
            List<TransactionSynchronization> additions,
            List<TransactionSynchronization> removals) {
        if (additions.isEmpty() && removals.isEmpty()) {
            return;
        }
        List<TransactionSynchronization> all = TransactionSynchronizationManager.getSynchronizations();
        TransactionSynchronizationManager.clearSynchronization();
        TransactionSynchronizationManager.initSynchronization();
        for (TransactionSynchronization synchronization : all) {
            if (before.contains(synchronization)) {
                TransactionSynchronizationManager.registerSynchronization(synchronization);
            }
        }
        additions.forEach(TransactionSynchronizationManager::registerSynchronization);
    }

    private static Set<TransactionSynchronization> identitySet(List<TransactionSynchronization> synchronizations) {
        Set<TransactionSynchronization> set = Collections.newSetFromMap(new IdentityHashMap<>());
        set.addAll(synchronizations);
        return set;
    }

    /** Loaded only when spring-orm is on the classpath. */
    private static final class EntityManagers {
        static void clearBound() {
            for (Object resource :
                    TransactionSynchronizationManager.getResourceMap().values()) {
                if (resource instanceof org.springframework.orm.jpa.EntityManagerHolder holder) {
                    holder.getEntityManager().clear();
                }
            }
        }
    }
}
