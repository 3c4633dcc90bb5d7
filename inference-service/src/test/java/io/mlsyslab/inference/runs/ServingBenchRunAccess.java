package io.mlsyslab.inference.runs;

import io.mlsyslab.platform.runs.RunContext;

/** Lets command-line benchmark mains in other packages run the kind. */
public final class ServingBenchRunAccess {
    private ServingBenchRunAccess() {
    }

    public static ServingBenchResult run(ServingBenchParams p, RunContext ctx) throws Exception {
        return new ServingBenchRun(new io.mlsyslab.platform.clients.ServicesProperties(java.util.Map.of(), java.time.Duration.ofSeconds(2), java.time.Duration.ofSeconds(30))).execute(p, ctx);
    }
}
