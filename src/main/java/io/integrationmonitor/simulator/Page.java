package io.integrationmonitor.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.function.Predicate;

/**
 * One page of a listing. Pages are keyed by the last key returned rather than by offset, so a resource
 * appearing or vanishing between two page requests never makes a paginating client skip or repeat others.
 */
record Page<T>(List<T> items, String lastKey) {

    boolean hasMore() {
        return lastKey != null;
    }

    static <T> Page<T> of(NavigableMap<String, T> map, String afterKey, int limit, Predicate<? super T> filter) {
        NavigableMap<String, T> rest = afterKey == null ? map : map.tailMap(afterKey, false);
        List<T> items = new ArrayList<>(Math.min(limit, 64));
        String last = null;
        for (Map.Entry<String, T> e : rest.entrySet()) {
            if (!filter.test(e.getValue())) {
                continue;
            }
            if (items.size() == limit) {
                return new Page<>(items, last);
            }
            items.add(e.getValue());
            last = e.getKey();
        }
        return new Page<>(items, null);
    }
}
