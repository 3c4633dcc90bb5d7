package io.mlsyslab.network.wireless.link;

/** Why a packet never reached the receiver. */
public enum DropCause {
    /** The access point's queue was full (tail drop): congestion. */
    QUEUE_OVERFLOW,
    /** Dropped or pushed out to make room for a more important frame type: congestion handled by priority. */
    PRIORITY,
    /** Could no longer arrive before its frame's playout deadline: the link was too slow, a congestion signal. */
    DEADLINE,
    /** All attempts failed on the radio (fading or burst erasure): not congestion. */
    RADIO;

    public boolean congestion() {
        return this != RADIO;
    }
}
