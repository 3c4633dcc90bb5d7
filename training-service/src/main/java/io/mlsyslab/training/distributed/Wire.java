package io.mlsyslab.training.distributed;

import io.mlsyslab.training.trainer.SyncRecord;
import io.mlsyslab.training.trainer.TrainingReporter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Text lines of worker reports; numbers travel as raw bits so the coordinator sees exactly what the worker had. */
final class Wire {
    private Wire() {
    }

    static String innerStep(int step, float loss) {
        return "i " + step + " " + Float.floatToRawIntBits(loss);
    }

    static String sync(SyncRecord r) {
        return "s " + r.step() + " " + r.fragment() + " " + r.bufferBytes() + " " + r.bytesSent() + " "
                + r.bytesReceived() + " " + Double.doubleToRawLongBits(r.seconds()) + " "
                + Double.doubleToRawLongBits(r.exchangeSeconds());
    }

    static String eval(int step, double loss) {
        return "e " + step + " " + Double.doubleToRawLongBits(loss);
    }

    /** Applies one report line of worker {@code rank} to {@code target}. */
    static void apply(int rank, String line, TrainingReporter target) {
        String[] f = line.split(" ");
        switch (f[0]) {
            case "i" -> target.innerStep(rank, Integer.parseInt(f[1]), Float.intBitsToFloat(Integer.parseInt(f[2])));
            case "s" -> target.sync(rank, new SyncRecord(Integer.parseInt(f[1]), Integer.parseInt(f[2]),
                    Long.parseLong(f[3]), Long.parseLong(f[4]), Long.parseLong(f[5]),
                    Double.longBitsToDouble(Long.parseLong(f[6])), Double.longBitsToDouble(Long.parseLong(f[7]))));
            case "e" -> target.eval(Integer.parseInt(f[1]), Double.longBitsToDouble(Long.parseLong(f[2])));
            default -> throw new IllegalArgumentException("report: unknown line '" + line + "'");
        }
    }

    static byte[] floats(float[] x) {
        ByteBuffer b = ByteBuffer.allocate(4 * x.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : x) {
            b.putFloat(v);
        }
        return b.array();
    }

    static float[] floats(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] x = new float[bytes.length / 4];
        for (int i = 0; i < x.length; i++) {
            x[i] = b.getFloat();
        }
        return x;
    }
}
