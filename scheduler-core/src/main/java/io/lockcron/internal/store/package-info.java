@NullMarked
package io.lockcron.internal.store;

import org.jspecify.annotations.NullMarked;
