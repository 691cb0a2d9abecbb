/**
 * A billing service with four clustered jobs: invoicing (transactional, must never bill twice),
 * payment sync (calls an outside system with its idempotency key), a long monthly report (lease
 * mode) and a flaky exchange-rate import (retries).
 */
@NullMarked
package io.lockcron.sample.billing;

import org.jspecify.annotations.NullMarked;
