@NullMarked
package io.lockcron.internal;

import org.jspecify.annotations.NullMarked;
