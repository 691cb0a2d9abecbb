/**
 * ShedLock interop: a {@link net.javacrumbs.shedlock.core.LockProvider} on lockcron's tables, so that
 * {@code @SchedulerLock} methods keep working while a service moves to {@code @ClusteredJob}.
 */
@NullMarked
package io.lockcron.shedlock;

import org.jspecify.annotations.NullMarked;
