package io.mlsyslab.inference.runs;

import io.mlsyslab.platform.runs.RunContext;

/** Lets command-line benchmark mains in other packages run the kind. */
public final class ServingBenchRunAccess {
    private ServingBenchRunAccess() {
    }

    public static ServingBenchResult run(ServingBenchParams p, RunContext ctx) throws Exception {
        return run(p, ctx, null);
    }

    /** With {@code storageUrl} (may be null) as {@code mlsyslab.services.urls.storage}. */
    public static ServingBenchResult run(ServingBenchParams p, RunContext ctx, String storageUrl) throws Exception {
        java.util.Map<String, String> urls = storageUrl == null ? java.util.Map.of()
                : java.util.Map.of("storage", storageUrl);
        return new ServingBenchRun(new io.mlsyslab.platform.clients.ServicesProperties(urls,
                java.time.Duration.ofSeconds(2), java.time.Duration.ofSeconds(60)),
                io.mlsyslab.platform.test.TestSigning.asService("inference")).execute(p, ctx);
    }
}
