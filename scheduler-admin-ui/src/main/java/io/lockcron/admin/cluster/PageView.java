package io.lockcron.admin.cluster;

import java.util.List;

/** One page of a longer list; {@code page} counts from 0. */
public record PageView<T>(List<T> items, int page, int size, long total, int pages) {

    public boolean hasPrevious() {
        return page > 0;
    }

    public boolean hasNext() {
        return page + 1 < pages;
    }
}
