/** The console's own Spring Security filter chain, scoped to its path, with its own users and roles. */
@NullMarked
package io.lockcron.admin.security;

import org.jspecify.annotations.NullMarked;
