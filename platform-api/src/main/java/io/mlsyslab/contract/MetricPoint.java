package io.mlsyslab.contract;

import java.time.Instant;

/** One point of a run's metric series as the run API shows it. */
public record MetricPoint(long step, double value, Instant time) {}
