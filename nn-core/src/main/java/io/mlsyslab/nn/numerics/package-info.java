/**
 * Shared scalar numerics, written once for every engine: log-gamma, the regularised incomplete gamma and beta
 * functions, Student's t, bracketed root finding, Nelder–Mead, and {@link io.mlsyslab.nn.numerics.ParallelTasks}
 * (load-balanced indexed tasks on a {@link io.mlsyslab.nn.kernel.ComputePool}). Plain Java, no dependencies.
 */
package io.mlsyslab.nn.numerics;
