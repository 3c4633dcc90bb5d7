package io.mlsyslab.contract;

import java.util.List;
import java.util.Map;

/**
 * Body of {@code GET runs/{id}/metrics}: series by name, each ordered by step, cut at the request's {@code limit};
 * {@code counts} gives each returned series' full length, so a client can size a series without fetching it all
 * (ask for {@code limit=1}). {@code counts} is null from a service that does not report it.
 */
public record MetricSeries(Map<String, List<MetricPoint>> series, Map<String, Long> counts) {

    /** Points only, without lengths. */
    public MetricSeries(Map<String, List<MetricPoint>> series) {
        this(series, null);
    }
}
