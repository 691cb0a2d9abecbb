@NullMarked
package io.lockcron.trigger;

import org.jspecify.annotations.NullMarked;
