@NullMarked
package io.lockcron.job;

import org.jspecify.annotations.NullMarked;
