package io.mlsyslab.network.wireless.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mlsyslab.network.wireless.video.FrameType;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueueTest {

    private long ids;

    private Packet packet(FrameType type, double deadline) {
        return new Packet(ids++, 0, 0, type, deadline, 0, ids, 1, 1080);
    }

    @Test
    void fifoTailDropsAndRetriesAtTheHead() {
        FifoQueue q = new FifoQueue(2);
        Packet a = packet(FrameType.B, 1);
        Packet b = packet(FrameType.I, 2);
        Packet c = packet(FrameType.I, 3);
        assertTrue(q.offer(a).isEmpty());
        assertTrue(q.offer(b).isEmpty());
        List<LinkQueue.Dropped> dropped = q.offer(c);
        assertEquals(DropCause.QUEUE_OVERFLOW, dropped.getFirst().cause());
        assertSame(c, dropped.getFirst().packet());
        Packet first = q.poll();
        q.requeue(first);
        assertSame(a, q.peek());
    }

    @Test
    void priorityQueueOrdersByTypeThenDeadline() {
        PriorityEdfQueue q = new PriorityEdfQueue(10, 1.0);
        Packet b = packet(FrameType.B, 0.1);
        Packet p2 = packet(FrameType.P, 0.5);
        Packet p1 = packet(FrameType.P, 0.3);
        Packet i = packet(FrameType.I, 0.9);
        q.offer(b);
        q.offer(p2);
        q.offer(p1);
        q.offer(i);
        assertSame(i, q.poll());
        assertSame(p1, q.poll());
        assertSame(p2, q.poll());
        assertSame(b, q.poll());
    }

    @Test
    void fullPriorityQueuePushesOutBAndDropsBUnderBacklog() {
        PriorityEdfQueue q = new PriorityEdfQueue(2, 1.0);
        Packet b = packet(FrameType.B, 1);
        q.offer(b);
        q.offer(packet(FrameType.P, 1));
        List<LinkQueue.Dropped> dropped = q.offer(packet(FrameType.I, 1));
        assertSame(b, dropped.getFirst().packet());
        assertEquals(DropCause.PRIORITY, dropped.getFirst().cause());
        assertEquals(DropCause.PRIORITY, q.offer(packet(FrameType.B, 1)).getFirst().cause());
        assertEquals(DropCause.QUEUE_OVERFLOW, q.offer(packet(FrameType.P, 1)).getFirst().cause());

        PriorityEdfQueue early = new PriorityEdfQueue(4, 0.5);
        early.offer(packet(FrameType.P, 1));
        early.offer(packet(FrameType.P, 1));
        assertEquals(DropCause.PRIORITY, early.offer(packet(FrameType.B, 1)).getFirst().cause());
        assertTrue(early.offer(packet(FrameType.P, 1)).isEmpty());
    }

    @Test
    void expiredPacketsAreRemovedFromBothQueues() {
        for (LinkQueue q : List.of(new FifoQueue(10), new PriorityEdfQueue(10, 1.0))) {
            q.offer(packet(FrameType.P, 0.5));
            q.offer(packet(FrameType.B, 0.2));
            q.offer(packet(FrameType.I, 0.9));
            assertEquals(0, q.removeExpired(0.1).size());
            assertEquals(2, q.removeExpired(0.6).size());
            assertEquals(1, q.size());
            assertEquals(0.9, q.peek().deadline(), 0.0);
        }
    }
}
