/** The console's server-rendered pages: one controller and one template each. */
@NullMarked
package io.lockcron.admin.web;

import org.jspecify.annotations.NullMarked;
