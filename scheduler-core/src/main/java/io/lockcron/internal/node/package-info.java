@NullMarked
package io.lockcron.internal.node;

import org.jspecify.annotations.NullMarked;
