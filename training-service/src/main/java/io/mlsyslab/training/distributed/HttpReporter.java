package io.mlsyslab.training.distributed;

import io.mlsyslab.training.trainer.SyncRecord;
import io.mlsyslab.training.trainer.TrainingReporter;
import java.nio.charset.StandardCharsets;

/** Buffers a worker's reports and POSTs them to the coordinator in batches (at every eval, every 64 lines, at the end). */
final class HttpReporter implements TrainingReporter {
    private final CoordinatorClient client;
    private final int rank;
    private final StringBuilder buffer = new StringBuilder();
    private int lines;

    HttpReporter(CoordinatorClient client, int rank) {
        this.client = client;
        this.rank = rank;
    }

    @Override
    public synchronized void innerStep(int r, int step, float loss) {
        add(Wire.innerStep(step, loss), false);
    }

    @Override
    public synchronized void sync(int r, SyncRecord record) {
        add(Wire.sync(record), false);
    }

    @Override
    public synchronized void eval(int step, double loss) {
        add(Wire.eval(step, loss), true);
    }

    @Override
    public synchronized void finished(int r, float[] globalParams) {
        flush();
        client.post("/finished?rank=" + rank, globalParams == null ? new byte[0] : Wire.floats(globalParams));
    }

    private void add(String line, boolean flushNow) {
        buffer.append(line).append('\n');
        if (++lines >= 64 || flushNow) {
            flush();
        }
    }

    private void flush() {
        if (lines > 0) {
            client.post("/report?rank=" + rank, buffer.toString().getBytes(StandardCharsets.UTF_8));
            buffer.setLength(0);
            lines = 0;
        }
    }
}
