/** Hands a transactional job's fire transaction to Spring, so Spring's data access joins it. */
@NullMarked
package io.lockcron.spring.transaction;

import org.jspecify.annotations.NullMarked;
