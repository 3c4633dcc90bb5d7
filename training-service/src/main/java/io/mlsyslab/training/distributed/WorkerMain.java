package io.mlsyslab.training.distributed;

import io.mlsyslab.training.trainer.Corpus;
import io.mlsyslab.training.trainer.TrainerConfig;
import io.mlsyslab.training.trainer.WorkerLoop;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Entry point of a worker process: {@code java -jar training-service.jar --worker --coordinator=<url>}. Plain
 * Java: no Spring context, no datasource, no run executor. Joins the coordinator, receives its rank and the job,
 * trains, reports, and exits 0; on any error it tells the coordinator (best effort) and exits 1. A daemon thread
 * sends a heartbeat every second so the coordinator can tell a slow worker from a dead one.
 */
public final class WorkerMain {
    private WorkerMain() {
    }

    /** Whether {@code args} ask for worker mode. */
    public static boolean isWorker(String[] args) {
        for (String a : args) {
            if (a.equals("--worker")) {
                return true;
            }
        }
        return false;
    }

    public static void main(String[] args) {
        String url = null;
        for (String a : args) {
            if (a.startsWith("--coordinator=")) {
                url = a.substring("--coordinator=".length());
            }
        }
        if (url == null) {
            System.err.println("usage: --worker --coordinator=<url>");
            System.exit(2);
        }
        System.exit(run(url));
    }

    /** Runs one worker against {@code url}; returns the process exit code. */
    public static int run(String url) {
        CoordinatorClient client = new CoordinatorClient(url, Duration.ofSeconds(15));
        int rank = -1;
        try {
            String[] joined = client.post("/join", new byte[0]).text().split("\n", 2);
            rank = Integer.parseInt(joined[0]);
            TrainerConfig config = TrainerConfig.fromJson(joined[1]);
            int r = rank;
            Thread heartbeat = Thread.ofPlatform().daemon().name("heartbeat").start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        client.post("/heartbeat?rank=" + r, new byte[0]);
                        Thread.sleep(1000);
                    } catch (InterruptedException e) {
                        return;
                    } catch (RuntimeException e) {
                        return; // the training thread sees the same failure on its next call
                    }
                }
            });
            Corpus corpus = Corpus.load(config.corpus(), config.seed());
            new WorkerLoop(config, corpus, new HttpTransport(client, rank, config.workers()),
                    new HttpReporter(client, rank)).run();
            heartbeat.interrupt();
            return 0;
        } catch (RuntimeException e) {
            System.err.println("worker " + rank + " failed: " + e);
            e.printStackTrace();
            if (rank >= 0) {
                try {
                    client.post("/failed?rank=" + rank, String.valueOf(e).getBytes(StandardCharsets.UTF_8));
                } catch (RuntimeException ignored) {
                    // the coordinator is gone or has already failed the run
                }
            }
            return 1;
        }
    }
}
