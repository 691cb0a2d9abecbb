/** Tests of the standalone console application. */
@NullMarked
package io.lockcron.admin.standalone;

import org.jspecify.annotations.NullMarked;
