@NullMarked
package io.lockcron.bench;

import org.jspecify.annotations.NullMarked;
