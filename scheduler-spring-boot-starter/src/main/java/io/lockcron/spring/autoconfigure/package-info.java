/** Auto-configuration of lockcron: the scheduler, its properties, schema, health, endpoint, metrics, ShedLock. */
@NullMarked
package io.lockcron.spring.autoconfigure;

import org.jspecify.annotations.NullMarked;
