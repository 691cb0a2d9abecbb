/** Tests of the pages and the security chain through MockMvc, on H2. */
@NullMarked
package io.lockcron.admin.web;

import org.jspecify.annotations.NullMarked;
