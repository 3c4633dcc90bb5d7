package io.mlsyslab.inference.engine;

import java.util.AbstractCollection;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Sequences waiting for admission, ordered by priority (vLLM's: lower first); within one priority a new arrival
 * goes last and a preempted sequence first, which is the FIFO queue's order when every priority is equal. The queue
 * holds at most {@code maxWaiting + maxRunning} sequences, so a list with linear insertion is cheap enough.
 */
final class WaitingQueue extends AbstractCollection<Sequence> {
    private final List<Sequence> queue = new ArrayList<>();

    /** Queues a new arrival behind every sequence of its priority or a lower value. */
    @Override
    public boolean add(Sequence s) {
        int at = queue.size();
        while (at > 0 && priority(queue.get(at - 1)) > priority(s)) {
            at--;
        }
        queue.add(at, s);
        return true;
    }

    /** Queues a preempted sequence ahead of every sequence of its priority or a higher value. */
    void addPreempted(Sequence s) {
        int at = 0;
        while (at < queue.size() && priority(queue.get(at)) < priority(s)) {
            at++;
        }
        queue.add(at, s);
    }

    /** The next sequence to admit, or null. */
    Sequence peekFirst() {
        return queue.isEmpty() ? null : queue.getFirst();
    }

    Sequence pollFirst() {
        return queue.isEmpty() ? null : queue.removeFirst();
    }

    @Override
    public Iterator<Sequence> iterator() {
        return queue.iterator();
    }

    @Override
    public int size() {
        return queue.size();
    }

    static int priority(Sequence s) {
        return s.request.request.priority();
    }
}
