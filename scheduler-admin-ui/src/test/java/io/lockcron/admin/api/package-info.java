/** Tests of the JSON API over real HTTP, as scripts use it, on MariaDB. */
@NullMarked
package io.lockcron.admin.api;

import org.jspecify.annotations.NullMarked;
