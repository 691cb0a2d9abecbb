/** Tests of the console's properties, users and auto-configuration. */
@NullMarked
package io.lockcron.admin;

import org.jspecify.annotations.NullMarked;
