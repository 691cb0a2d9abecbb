/** Ahead-of-time and native-image hints for lockcron applications. */
@NullMarked
package io.lockcron.spring.aot;

import org.jspecify.annotations.NullMarked;
