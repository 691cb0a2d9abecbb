/** What the console reads from the cluster's tables and the actions it takes, as views shared by the pages and the JSON API. */
@NullMarked
package io.lockcron.admin.cluster;

import org.jspecify.annotations.NullMarked;
