@NullMarked
package io.lockcron.internal.fire;

import org.jspecify.annotations.NullMarked;
