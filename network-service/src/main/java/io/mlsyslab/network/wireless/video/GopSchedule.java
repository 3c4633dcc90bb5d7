package io.mlsyslab.network.wireless.video;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the frames of a stream in coding (transmission) order. An anchor (I or P) is emitted when it is captured; a
 * B frame can only be coded after the anchor that follows it, so it is emitted together with that anchor. P frames
 * reference the previous anchor; B frames the previous and the next anchor (open GOP). The playout deadline of
 * display frame i is capture_i + reorderDelay + playoutBuffer with reorderDelay = (M - 1) / fps, M the largest
 * anchor spacing, so every frame has at least the playout buffer between its emission and its display.
 */
public final class GopSchedule {

    private GopSchedule() {
    }

    /** Frames covering at least {@code durationSeconds} of capture, ending on an anchor so no B frame is orphaned. */
    public static List<Frame> codingOrder(VideoSpec spec, double durationSeconds) {
        String gop = spec.gop();
        int n = gop.length();
        int displayFrames = (int) Math.ceil(durationSeconds * spec.fps());
        // extend to the next anchor so trailing B frames have their forward reference
        while (displayFrames > 0 && FrameType.of(gop.charAt(displayFrames % n)) == FrameType.B) {
            displayFrames++;
        }
        int total = displayFrames + 1;
        double reorder = (maxAnchorSpacing(gop) - 1) / spec.fps();
        List<Frame> out = new ArrayList<>(total);
        List<Integer> pendingB = new ArrayList<>();
        int previousAnchor = -1;
        for (int i = 0; i < total; i++) {
            FrameType type = FrameType.of(gop.charAt(i % n));
            double capture = i / spec.fps();
            if (type == FrameType.B) {
                pendingB.add(i);
                continue;
            }
            int[] refs = type == FrameType.I || previousAnchor < 0 ? new int[0] : new int[] {previousAnchor};
            out.add(new Frame(i, type, refs, capture, capture, capture + reorder + spec.playoutBufferSeconds()));
            for (int b : pendingB) {
                int[] bRefs = previousAnchor < 0 ? new int[] {i} : new int[] {previousAnchor, i};
                double bCapture = b / spec.fps();
                out.add(new Frame(b, FrameType.B, bRefs, bCapture, capture,
                        bCapture + reorder + spec.playoutBufferSeconds()));
            }
            pendingB.clear();
            previousAnchor = i;
        }
        return out;
    }

    static int maxAnchorSpacing(String gop) {
        int n = gop.length();
        int best = 1;
        int last = 0;
        for (int i = 1; i <= n; i++) {
            if (FrameType.of(gop.charAt(i % n)).anchor()) {
                best = Math.max(best, i - last);
                last = i;
            }
        }
        return best;
    }
}
