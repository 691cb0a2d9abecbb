@NullMarked
package io.lockcron;

import org.jspecify.annotations.NullMarked;
