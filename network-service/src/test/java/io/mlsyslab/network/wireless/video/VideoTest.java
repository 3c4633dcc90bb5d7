package io.mlsyslab.network.wireless.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class VideoTest {

    private static final VideoSpec SPEC = VideoSpec.defaults().withPlayoutBuffer(0.1);

    @Test
    void codingOrderReferencesAndDeadlines() {
        List<Frame> frames = GopSchedule.codingOrder(SPEC, 0.4);
        String order = frames.stream().map(f -> f.type() + "" + f.displayIndex()).reduce("", (a, b) -> a + " " + b);
        assertEquals(" I0 P3 B1 B2 P6 B4 B5 P9 B7 B8 I12 B10 B11", order);
        Frame b1 = frames.get(2);
        assertArrayEquals(new int[] {0, 3}, b1.references());
        assertEquals(3 / 30.0, b1.emitTime(), 1e-15, "a B frame leaves with the anchor after it");
        double reorder = 2 / 30.0;
        assertEquals(1 / 30.0 + reorder + 0.1, b1.deadline(), 1e-15);
        assertArrayEquals(new int[] {0}, frames.get(1).references());
        assertArrayEquals(new int[0], frames.get(10).references(), "I frames reference nothing");
        assertArrayEquals(new int[] {9, 12}, frames.get(11).references(), "open GOP: B10 needs the next I");
        for (Frame f : frames) {
            assertTrue(f.deadline() - f.emitTime() >= 0.1 - 1e-12, "every frame gets at least the playout buffer");
        }
    }

    private static void deliverAll(Frame f, double time) {
        for (int i = 0; i < f.packets(); i++) {
            f.packetDelivered(time);
        }
    }

    @Test
    void lostAnchorBreaksDependantsUntilTheNextIntraFrame() {
        List<Frame> frames = GopSchedule.codingOrder(SPEC, 0.4);
        for (Frame f : frames) {
            f.encode(1000, 2, 40.0);
            if (f.displayIndex() != 6) { // P6 never completes
                deliverAll(f, f.emitTime() + 0.01);
            }
        }
        PlayoutEvaluator.Outcome o = PlayoutEvaluator.evaluate(frames, SPEC, 10, 3);
        // P6 lost: B4, B5 (need P6), P6, B7, B8, P9, B10, B11 (need P9) undecodable; I12 and B1..P3 fine
        assertEquals(13, o.frames());
        assertEquals(8, o.missed());
        assertArrayEquals(new int[] {0, 2, 6}, o.missedByType());
        assertEquals(1, o.stalls(), "B4..B11 is one freeze of 8 frames");
        assertEquals(8 / 30.0, o.stallSeconds(), 1e-12);
        QualityModel q = SPEC.quality();
        assertEquals(40.0, o.psnr()[3], 0.0);
        assertEquals(q.concealedPsnr(40.0, 1), o.psnr()[4], 0.0);
        assertEquals(q.concealedPsnr(40.0, 8), o.psnr()[11], 0.0);
        assertEquals(40.0, o.psnr()[12], 0.0);
        assertEquals(5 * 1000L, o.usefulBits(), "five shown frames of 1000 bits");
    }

    @Test
    void lateFramesAreMissesEvenWhenComplete() {
        List<Frame> frames = GopSchedule.codingOrder(SPEC, 0.1);
        for (Frame f : frames) {
            f.encode(800, 1, 35.0);
            deliverAll(f, f.deadline() + (f.type() == FrameType.B ? 0.001 : -0.001));
        }
        PlayoutEvaluator.Outcome o = PlayoutEvaluator.evaluate(frames, SPEC, 10, 3);
        assertEquals(o.framesByType()[FrameType.B.ordinal()], o.missedByType()[FrameType.B.ordinal()]);
        assertEquals(0, o.missedByType()[FrameType.I.ordinal()] + o.missedByType()[FrameType.P.ordinal()]);
    }

    @Test
    void mosTableAndPsnr() {
        assertEquals(5, Mos.fromPsnr(37.0));
        assertEquals(4, Mos.fromPsnr(36.99));
        assertEquals(4, Mos.fromPsnr(31.0));
        assertEquals(3, Mos.fromPsnr(25.0));
        assertEquals(2, Mos.fromPsnr(20.0));
        assertEquals(1, Mos.fromPsnr(19.99));
        assertEquals(100.0, Mos.psnrFromMse(0), 0.0);
        assertEquals(10 * Math.log10(65025.0 / 100.0), Mos.psnrFromMse(100), 1e-12);
        assertEquals(48.1308036, Mos.psnrFromMse(1), 1e-6);
    }

    @Test
    void encoderPsnrGrowsWithRateAndIsCapped() {
        QualityModel q = QualityModel.defaults();
        assertEquals(q.psnrAtReferenceDb(), q.encodedPsnr(q.referenceRateBps()), 1e-12);
        assertEquals(q.psnrAtReferenceDb() + q.dbPerDoubling(), q.encodedPsnr(2 * q.referenceRateBps()), 1e-12);
        assertEquals(q.maxPsnrDb(), q.encodedPsnr(1e12), 0.0);
        assertEquals(q.floorDb(), q.concealedPsnr(20, 100), 0.0);
    }

    @Test
    void badVideoSpecsNameTheField() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new VideoSpec(30, "PBB", 6, 3, 0.1, 1, 2, 0.1,
                QualityModel.defaults())).getMessage().startsWith("gop:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SPEC.withPlayoutBuffer(-1)).getMessage()
                .startsWith("playoutBufferSeconds:"));
    }
}
