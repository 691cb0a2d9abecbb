/** Tests of the console's users. */
@NullMarked
package io.lockcron.admin.security;

import org.jspecify.annotations.NullMarked;
