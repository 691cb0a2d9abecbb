/** The console as an application of its own, pointed at the cluster's database. */
@NullMarked
package io.lockcron.admin.standalone;

import org.jspecify.annotations.NullMarked;
