package io.mlsyslab.contract;

import java.util.List;
import java.util.Map;

/** Body of {@code GET runs/{id}/metrics}: series by name, each ordered by step. */
public record MetricSeries(Map<String, List<MetricPoint>> series) {}
