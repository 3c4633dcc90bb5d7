package io.mlsyslab.network.wireless.video;

/**
 * One video frame: its place in the stream (display index, type, references), its timing, and what happened to its
 * packets. References are display indices of anchors that must be decoded before this frame can be.
 */
public final class Frame {

    private final int displayIndex;
    private final FrameType type;
    private final int[] references;
    private final double captureTime;
    private final double emitTime;
    private final double deadline;
    private int packets;
    private long bits;
    private double encodedPsnr;
    private int packetsDelivered;
    private double completeTime = Double.POSITIVE_INFINITY;

    public Frame(int displayIndex, FrameType type, int[] references, double captureTime, double emitTime,
            double deadline) {
        this.displayIndex = displayIndex;
        this.type = type;
        this.references = references.clone();
        this.captureTime = captureTime;
        this.emitTime = emitTime;
        this.deadline = deadline;
    }

    public int displayIndex() {
        return displayIndex;
    }

    public FrameType type() {
        return type;
    }

    public int[] references() {
        return references.clone();
    }

    int reference(int i) {
        return references[i];
    }

    int referenceCount() {
        return references.length;
    }

    public double captureTime() {
        return captureTime;
    }

    public double emitTime() {
        return emitTime;
    }

    public double deadline() {
        return deadline;
    }

    public int packets() {
        return packets;
    }

    public long bits() {
        return bits;
    }

    public double encodedPsnr() {
        return encodedPsnr;
    }

    public double completeTime() {
        return completeTime;
    }

    public boolean emitted() {
        return packets > 0;
    }

    /** Called when the encoder produces the frame. */
    public void encode(long bits, int packets, double encodedPsnr) {
        this.bits = bits;
        this.packets = packets;
        this.encodedPsnr = encodedPsnr;
    }

    /** Called when one of its packets reaches the receiver (each packet at most once). */
    public void packetDelivered(double time) {
        packetsDelivered++;
        if (packetsDelivered == packets) {
            completeTime = time;
        }
    }
}
