/** End-to-end tests: the console in a running application on MariaDB, driven by headless Chromium. */
@NullMarked
package io.lockcron.admin.e2e;

import org.jspecify.annotations.NullMarked;
