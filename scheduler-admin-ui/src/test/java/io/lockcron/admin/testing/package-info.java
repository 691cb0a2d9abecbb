/** Databases, demo jobs, applications and a browser for the console's tests. */
@NullMarked
package io.lockcron.admin.testing;

import org.jspecify.annotations.NullMarked;
