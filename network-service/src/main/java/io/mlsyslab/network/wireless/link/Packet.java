package io.mlsyslab.network.wireless.link;

import io.mlsyslab.network.wireless.video.FrameType;

/**
 * One PHY packet (a fragment of a transport segment) queued at the access point. Mutable only in its attempt count.
 *
 * @param frameIndex display index of the video frame it belongs to (-1 for bulk traffic)
 * @param deadline playout deadline of its frame (infinite for bulk traffic)
 */
public final class Packet {

    private final long id;
    private final int user;
    private final int frameIndex;
    private final FrameType type;
    private final double deadline;
    private final double sendTime;
    private final long segment;
    private final int fragmentsInSegment;
    private final int bits;
    private int attempts;

    public Packet(long id, int user, int frameIndex, FrameType type, double deadline, double sendTime, long segment,
            int fragmentsInSegment, int bits) {
        this.id = id;
        this.user = user;
        this.frameIndex = frameIndex;
        this.type = type;
        this.deadline = deadline;
        this.sendTime = sendTime;
        this.segment = segment;
        this.fragmentsInSegment = fragmentsInSegment;
        this.bits = bits;
    }

    public long id() {
        return id;
    }

    public int user() {
        return user;
    }

    public int frameIndex() {
        return frameIndex;
    }

    public FrameType type() {
        return type;
    }

    public double deadline() {
        return deadline;
    }

    public double sendTime() {
        return sendTime;
    }

    public long segment() {
        return segment;
    }

    public int fragmentsInSegment() {
        return fragmentsInSegment;
    }

    public int bits() {
        return bits;
    }

    public int attempts() {
        return attempts;
    }

    public void attempted() {
        attempts++;
    }
}
