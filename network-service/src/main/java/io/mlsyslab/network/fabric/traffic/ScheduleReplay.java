package io.mlsyslab.network.fabric.traffic;

import io.mlsyslab.contract.FieldErrorException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;

/** Turns a {@link SyncSchedule} into episodes: each event is a collective among its participants' hosts. */
public final class ScheduleReplay {

    public static final int MAX_EVENTS = 10_000;

    private ScheduleReplay() {
    }

    /**
     * @param workerHosts host of each worker id (from a {@link Placement})
     */
    public static List<Episode> episodes(SyncSchedule schedule, int[] workerHosts, long seed) {
        if (schedule.format() != null && !SyncSchedule.FORMAT.equals(schedule.format())) {
            throw new FieldErrorException("schedule.format", "unsupported '" + schedule.format() + "', expected "
                    + SyncSchedule.FORMAT);
        }
        List<SyncSchedule.SyncEvent> events = schedule.events();
        if (events.isEmpty()) {
            throw new FieldErrorException("schedule.events", "must not be empty");
        }
        if (events.size() > MAX_EVENTS) {
            throw new FieldErrorException("schedule.events", "at most " + MAX_EVENTS + " events, was " + events.size());
        }
        List<Episode> out = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            out.add(episode(events.get(i), "schedule.events[" + i + "]", workerHosts, seed + i, i));
        }
        out.sort(Comparator.comparingDouble(Episode::startSeconds));
        return out;
    }

    private static Episode episode(SyncSchedule.SyncEvent e, String field, int[] workerHosts, long seed, int index) {
        if (e == null) {
            throw new FieldErrorException(field, "must not be null");
        }
        double time = e.timeSeconds() == null ? 0 : e.timeSeconds();
        if (!(time >= 0) || Double.isInfinite(time)) {
            throw new FieldErrorException(field + ".timeSeconds", "must be >= 0, was " + time);
        }
        if (e.bytesPerWorker() == null || !(e.bytesPerWorker() > 0) || Double.isInfinite(e.bytesPerWorker())) {
            throw new FieldErrorException(field + ".bytesPerWorker", "must be > 0, was " + e.bytesPerWorker());
        }
        Collective collective = Collective.fromName(field + ".collective", e.collective());
        int[] hosts;
        if (e.participants() == null) {
            hosts = workerHosts.clone();
        } else {
            hosts = new int[e.participants().size()];
            BitSet seen = new BitSet(workerHosts.length);
            for (int i = 0; i < hosts.length; i++) {
                Integer w = e.participants().get(i);
                if (w == null || w < 0 || w >= workerHosts.length) {
                    throw new FieldErrorException(field + ".participants[" + i + "]", "worker " + w
                            + " is out of range [0, " + workerHosts.length + ")");
                }
                if (seen.get(w)) {
                    throw new FieldErrorException(field + ".participants[" + i + "]", "worker " + w + " is listed twice");
                }
                seen.set(w);
                hosts[i] = workerHosts[w];
            }
        }
        String label = e.label() != null ? e.label() : "event-" + index;
        try {
            return new Episode(label, time, hosts.length, collective.phases(hosts, e.bytesPerWorker(), seed));
        } catch (FieldErrorException ex) {
            throw ex.prefixed(field);
        }
    }
}
