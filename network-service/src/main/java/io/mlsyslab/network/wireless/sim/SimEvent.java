package io.mlsyslab.network.wireless.sim;

import io.mlsyslab.network.wireless.link.Packet;
import io.mlsyslab.network.wireless.transport.FeedbackReport;
import java.util.List;

/**
 * Events of the simulation. At equal times they run in rank order: a slot's outcomes are known before anything else
 * happens at its end, and a new slot starts after the arrivals of that instant are queued.
 */
sealed interface SimEvent {

    int rank();

    record SlotEnd(long slot) implements SimEvent {
        public int rank() {
            return 0;
        }
    }

    record ReportAtSender(int user, FeedbackReport report) implements SimEvent {
        public int rank() {
            return 1;
        }
    }

    record NoFeedbackCheck(int user) implements SimEvent {
        public int rank() {
            return 2;
        }
    }

    /** periodic: the once-per-RTT report timer; otherwise an expedited report after a new loss event. */
    record ReceiverReport(int user, boolean periodic) implements SimEvent {
        public int rank() {
            return 3;
        }
    }

    record FrameEmit(int user, int codingIndex) implements SimEvent {
        public int rank() {
            return 4;
        }
    }

    record ArrivalAtAccessPoint(int user, List<Packet> packets) implements SimEvent {
        public int rank() {
            return 5;
        }
    }

    record SlotStart(long slot) implements SimEvent {
        public int rank() {
            return 6;
        }
    }
}
