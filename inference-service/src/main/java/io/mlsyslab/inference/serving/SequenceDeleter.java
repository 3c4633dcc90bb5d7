package io.mlsyslab.inference.serving;

import io.mlsyslab.storage.client.StorageClientException;
import io.mlsyslab.storage.client.StorageKvClient;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Deletes stored sequences whose first delete failed, off the engine thread: retries with exponential backoff
 * ({@code firstDelay}, doubling) up to {@code attempts} times; a 404 counts as deleted (an earlier attempt
 * succeeded but its answer was lost). A sequence still there after the last attempt is counted and reported to
 * {@code onGiveUp} (a metric); it stays in storage until deleted by hand.
 */
final class SequenceDeleter {
    private static final System.Logger LOG = System.getLogger(SequenceDeleter.class.getName());
    private static final ScheduledExecutorService RETRIES = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "kv-delete-retry");
        t.setDaemon(true);
        return t;
    });

    private final StorageKvClient client;
    private final int attempts;
    private final Duration firstDelay;
    private final Runnable onGiveUp;
    private final AtomicLong failed = new AtomicLong(), retried = new AtomicLong();

    SequenceDeleter(StorageKvClient client, int attempts, Duration firstDelay, Runnable onGiveUp) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts: must be >= 1, was " + attempts);
        }
        this.client = client;
        this.attempts = attempts;
        this.firstDelay = firstDelay;
        this.onGiveUp = onGiveUp;
    }

    /** Schedules retries of a delete that just failed with {@code cause}. */
    void retry(UUID id, RuntimeException cause) {
        LOG.log(System.Logger.Level.INFO, "kv offload: delete of stored sequence " + id + " failed ("
                + cause.getMessage() + "); retrying up to " + attempts + " times");
        schedule(id, 1);
    }

    /** Sequences given up on after every retry failed. */
    long failed() {
        return failed.get();
    }

    /** Retry attempts made. */
    long retried() {
        return retried.get();
    }

    private void schedule(UUID id, int attempt) {
        long delay = firstDelay.toMillis() << Math.min(20, attempt - 1);
        RETRIES.schedule(() -> attempt(id, attempt), delay, TimeUnit.MILLISECONDS);
    }

    private void attempt(UUID id, int attempt) {
        retried.incrementAndGet();
        try {
            client.delete(id);
            return;
        } catch (StorageClientException e) {
            if (e.status() == 404) {
                return;
            }
            if (attempt < attempts) {
                schedule(id, attempt + 1);
                return;
            }
            giveUp(id, e);
        } catch (RuntimeException e) {
            giveUp(id, e);
        }
    }

    private void giveUp(UUID id, RuntimeException e) {
        failed.incrementAndGet();
        onGiveUp.run();
        LOG.log(System.Logger.Level.WARNING, "kv offload: stored sequence " + id + " could not be deleted after "
                + attempts + " retries (" + e.getMessage() + "); it stays in storage-service");
    }
}
