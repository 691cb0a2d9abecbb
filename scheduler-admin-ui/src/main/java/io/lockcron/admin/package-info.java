/** The lockcron web console: auto-configuration and properties (lockcron.console.*). */
@NullMarked
package io.lockcron.admin;

import org.jspecify.annotations.NullMarked;
