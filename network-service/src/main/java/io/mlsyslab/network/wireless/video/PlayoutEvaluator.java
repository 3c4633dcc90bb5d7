package io.mlsyslab.network.wireless.video;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Decides, frame by frame in display order, what the viewer sees at each playout deadline and scores it.
 * A frame is shown iff it arrived complete by its deadline and every reference is shown and arrived by this frame's
 * deadline (the decoder needs the reference first). Frames that cannot be shown are deadline misses and are
 * concealed; a freeze of at least {@code stallMinFrames} consecutive concealed frames counts as a stall.
 */
public final class PlayoutEvaluator {

    /** Per-stream outcome. Arrays are per frame type (index = FrameType.ordinal()). */
    public record Outcome(int frames, int missed, int[] framesByType, int[] missedByType, double[] psnr, double meanMos,
            int stalls, double stallSeconds, long usefulBits) {}

    private PlayoutEvaluator() {
    }

    public static Outcome evaluate(List<Frame> frames, VideoSpec spec, double horizon, int stallMinFrames) {
        Frame[] byDisplay = frames.stream().filter(f -> f.deadline() <= horizon && f.emitted())
                .sorted(Comparator.comparingInt(Frame::displayIndex)).toArray(Frame[]::new);
        int maxIndex = frames.stream().mapToInt(Frame::displayIndex).max().orElse(-1);
        Frame[] lookup = new Frame[maxIndex + 1];
        for (Frame f : frames) {
            lookup[f.displayIndex()] = f;
        }
        boolean[] shown = new boolean[maxIndex + 1];
        // anchors before their dependants: process in display order but resolve forward references on demand
        boolean[] resolved = new boolean[maxIndex + 1];
        for (Frame f : byDisplay) {
            resolve(f, lookup, shown, resolved);
        }
        int[] framesByType = new int[3];
        int[] missedByType = new int[3];
        double[] psnr = new double[byDisplay.length];
        double lastShownPsnr = Double.NaN;
        int run = 0;
        int stalls = 0;
        int stallFrames = 0;
        double mosSum = 0;
        long usefulBits = 0;
        for (int k = 0; k < byDisplay.length; k++) {
            Frame f = byDisplay[k];
            framesByType[f.type().ordinal()]++;
            if (shown[f.displayIndex()]) {
                psnr[k] = f.encodedPsnr();
                lastShownPsnr = psnr[k];
                usefulBits += f.bits();
                if (run >= stallMinFrames) {
                    stalls++;
                    stallFrames += run;
                }
                run = 0;
            } else {
                missedByType[f.type().ordinal()]++;
                run++;
                // nothing shown yet means a blank screen, which scores the floor
                psnr[k] = Double.isNaN(lastShownPsnr) ? spec.quality().floorDb()
                        : spec.quality().concealedPsnr(lastShownPsnr, run);
            }
            mosSum += Mos.fromPsnr(psnr[k]);
        }
        if (run >= stallMinFrames) {
            stalls++;
            stallFrames += run;
        }
        int missed = Arrays.stream(missedByType).sum();
        double meanMos = byDisplay.length == 0 ? Double.NaN : mosSum / byDisplay.length;
        return new Outcome(byDisplay.length, missed, framesByType, missedByType, psnr, meanMos, stalls,
                stallFrames / spec.fps(), usefulBits);
    }

    private static boolean resolve(Frame f, Frame[] lookup, boolean[] shown, boolean[] resolved) {
        int i = f.displayIndex();
        if (resolved[i]) {
            return shown[i];
        }
        resolved[i] = true;
        boolean ok = f.emitted() && f.completeTime() <= f.deadline();
        for (int r = 0; ok && r < f.referenceCount(); r++) {
            Frame ref = lookup[f.reference(r)];
            ok = ref != null && resolve(ref, lookup, shown, resolved) && ref.completeTime() <= f.deadline();
        }
        shown[i] = ok;
        return ok;
    }
}
