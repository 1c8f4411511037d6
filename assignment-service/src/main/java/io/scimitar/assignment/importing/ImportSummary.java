package io.scimitar.assignment.importing;

import java.util.Map;
import java.util.TreeMap;

/** Row counts of a bulk request, by status. */
public final class ImportSummary {

    private final Map<String, Long> counts = new TreeMap<>();
    private long rows;

    void count(RowResult result) {
        rows++;
        counts.merge(result.status(), 1L, Long::sum);
    }

    public long rows() {
        return rows;
    }

    public Map<String, Long> byStatus() {
        return counts;
    }
}
