/** The console's JSON API, used by the pages' scripts and by operators' scripts. */
@NullMarked
package io.lockcron.admin.api;

import org.jspecify.annotations.NullMarked;
