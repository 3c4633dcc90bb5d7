package io.mlsyslab.network.wireless.sim;

import io.mlsyslab.network.wireless.csi.CsiEstimate;
import io.mlsyslab.network.wireless.csi.CsiSource;
import io.mlsyslab.network.wireless.link.DropCause;
import io.mlsyslab.network.wireless.link.LinkQueue;
import io.mlsyslab.network.wireless.link.Packet;
import io.mlsyslab.network.wireless.link.PriorityEdfQueue;
import io.mlsyslab.network.wireless.math.RandomStreams;
import io.mlsyslab.network.wireless.phy.Mode;
import io.mlsyslab.network.wireless.sim.SimEvent.ArrivalAtAccessPoint;
import io.mlsyslab.network.wireless.sim.SimEvent.FrameEmit;
import io.mlsyslab.network.wireless.sim.SimEvent.NoFeedbackCheck;
import io.mlsyslab.network.wireless.sim.SimEvent.ReceiverReport;
import io.mlsyslab.network.wireless.sim.SimEvent.ReportAtSender;
import io.mlsyslab.network.wireless.sim.SimEvent.SlotEnd;
import io.mlsyslab.network.wireless.sim.SimEvent.SlotStart;
import io.mlsyslab.network.wireless.video.Frame;
import io.mlsyslab.network.wireless.video.FrameType;
import io.mlsyslab.network.wireless.video.VideoSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Discrete-event simulation of N users sharing one slotted wireless downlink under one protocol stack. Each slot the
 * channel of every user moves on and is measured; the scheduler gives the slot to one backlogged user in a mode the
 * stack's AMC picks; the slot carries as many packets as the mode allows, each lost with the mode's PER at the true
 * SNR (and the burst overlay's erasure probability); outcomes are known at the slot's end, when failed packets are
 * retried or given up. Video frames are emitted in coding order at the TFRC-controlled rate, cross a wired hop to the
 * access point, and are scored at their playout deadlines. Same config, stack and seed give the same result.
 */
public final class WirelessSimulator {

    private record InFlight(UserSession user, Packet packet, boolean ok) {}

    private final ScenarioConfig cfg;
    private final Stack stack;
    private final UserSession[] users;
    private final ModeSelector selector;
    private final ModeSelector genie;
    private final EventQueue events = new EventQueue();
    private final LinkCounters counters = new LinkCounters();
    private final List<InFlight> inFlight = new ArrayList<>();
    private final boolean[] expeditedPending;
    private final int retryLimit;
    private final double slotSeconds;
    private final double horizon;
    private final double gopWeight;
    private int roundRobin;
    private long packetIds;
    private long slotsRun;

    private WirelessSimulator(ScenarioConfig cfg, Stack stack, long seed) {
        this.cfg = cfg;
        this.stack = stack;
        RandomStreams streams = new RandomStreams(seed);
        this.users = new UserSession[cfg.users()];
        for (int u = 0; u < users.length; u++) {
            users[u] = new UserSession(u, cfg, stack, streams);
        }
        this.selector = new ModeSelector(cfg, stack);
        this.genie = new ModeSelector(cfg, new Stack("genie", true, CsiSource.PERFECT, false, false, false, false));
        this.expeditedPending = new boolean[users.length];
        this.retryLimit = stack.retryLimit(cfg.link());
        this.slotSeconds = cfg.phy().slotSeconds();
        this.horizon = cfg.traffic() == Traffic.VIDEO
                ? users[0].frames.stream().mapToDouble(Frame::deadline).max().orElse(0) + slotSeconds
                : cfg.slots() * slotSeconds;
        double w = 0;
        for (char c : cfg.video().gop().toCharArray()) {
            w += cfg.video().sizeWeight(FrameType.of(c));
        }
        this.gopWeight = w;
    }

    public static SimulationMetrics run(ScenarioConfig cfg, Stack stack, long seed) {
        return new WirelessSimulator(cfg, stack, seed).execute();
    }

    private SimulationMetrics execute() {
        events.schedule(0.0, new SlotStart(0));
        if (cfg.traffic() == Traffic.VIDEO) {
            for (UserSession u : users) {
                for (int i = 0; i < u.frames.size(); i++) {
                    events.schedule(u.frames.get(i).emitTime(), new FrameEmit(u.index, i));
                }
                events.schedule(u.sender.noFeedbackDeadline(), new NoFeedbackCheck(u.index));
            }
        }
        while (!events.isEmpty()) {
            EventQueue.Scheduled next = events.poll();
            if (next.time() > horizon + 1e-9) {
                break;
            }
            double now = next.time();
            switch (next.event()) {
                case SlotStart s -> slotStart(s.slot(), now);
                case SlotEnd e -> slotEnd(now);
                case FrameEmit f -> emitFrame(users[f.user()], f.codingIndex(), now);
                case ArrivalAtAccessPoint a -> arrive(users[a.user()], a.packets(), now);
                case ReceiverReport r -> receiverReport(users[r.user()], r.periodic(), now);
                case ReportAtSender r -> reportAtSender(users[r.user()], r, now);
                case NoFeedbackCheck c -> noFeedbackCheck(users[c.user()], now);
            }
        }
        return MetricsSummary.summarize(cfg, users, counters, horizon, slotsRun);
    }

    private void slotStart(long slot, double now) {
        slotsRun++;
        double noise = cfg.channel().estimationNoiseVariance();
        double bestCapacity = 0;
        for (UserSession u : users) {
            u.advanceChannel(slot == 0, noise);
            int best = genie.select(new CsiEstimate(Math.sqrt(u.channel.power()), 0.0));
            if (best >= 0) {
                bestCapacity = Math.max(bestCapacity, (double) cfg.phy().packetsPerSlot(best) * cfg.phy().packetBits());
            }
            if (cfg.traffic() == Traffic.SATURATED) {
                topUp(u, now);
            }
            u.currentMode = -2;
        }
        counters.capacityBits += bestCapacity;
        if (stack.crossLayerRetries()) {
            dropHopeless(now);
        }
        UserSession chosen = schedule();
        if (chosen != null) {
            transmit(chosen, now);
            events.schedule(now + slotSeconds, new SlotEnd(slot));
        }
        double nextStart = (slot + 1) * slotSeconds;
        if (nextStart < horizon - 1e-12) {
            events.schedule(nextStart, new SlotStart(slot + 1));
        }
    }

    private void topUp(UserSession u, double now) {
        while (u.queue.size() < cfg.link().queueCapacityPackets()) {
            Packet p = new Packet(packetIds++, u.index, -1, null, Double.POSITIVE_INFINITY, now, u.nextSegment++, 1,
                    cfg.phy().packetBits());
            counters.offered++;
            u.queue.offer(p);
        }
    }

    /** Deadline-aware ARQ: a packet that cannot be sent and acknowledged before its frame is due is given up now. */
    private void dropHopeless(double now) {
        double earliestDone = now + slotSeconds + cfg.phy().ackSeconds();
        for (UserSession u : users) {
            for (Packet p : u.queue.removeExpired(earliestDone)) {
                // a packet that already failed on the radio lost its retry to the deadline: still a radio loss
                drop(u, p, p.attempts() > 0 ? DropCause.RADIO : DropCause.DEADLINE, now);
            }
        }
    }

    private int modeFor(UserSession u) {
        if (u.currentMode == -2) {
            CsiEstimate belief = u.tracker.estimate(stack.csi(), u.channel.re(), u.channel.im());
            u.currentMode = selector.select(belief);
        }
        return u.currentMode;
    }

    private UserSession schedule() {
        if (stack.priorityScheduling()) {
            UserSession best = null;
            for (UserSession u : users) {
                Packet head = u.queue.peek();
                if (head != null && modeFor(u) >= 0
                        && (best == null || PriorityEdfQueue.ORDER.compare(head, best.queue.peek()) < 0)) {
                    best = u;
                }
            }
            return best;
        }
        for (int k = 0; k < users.length; k++) {
            UserSession u = users[(roundRobin + k) % users.length];
            if (u.queue.size() > 0 && modeFor(u) >= 0) {
                roundRobin = (u.index + 1) % users.length;
                return u;
            }
        }
        return null;
    }

    private void transmit(UserSession u, double now) {
        int n = modeFor(u);
        Mode mode = cfg.phy().modes().mode(n);
        double per = mode.per(cfg.channel().meanSnrLinear() * u.channel.power());
        double erasure = u.burst == null ? 0.0 : u.burst.erasureProbability();
        double attemptEnergy = cfg.energy().attemptJoules(cfg.phy().airtime(n), cfg.phy().ackSeconds());
        int capacity = cfg.phy().packetsPerSlot(n);
        for (int i = 0; i < capacity; i++) {
            Packet p = u.queue.poll();
            if (p == null) {
                break;
            }
            p.attempted();
            counters.attempts++;
            if (p.attempts() == 1) {
                counters.transmittedPackets++;
            }
            counters.energyJoules += attemptEnergy;
            boolean ok = u.packetErrors.nextDouble() >= per;
            if (erasure > 0 && u.packetErrors.nextDouble() < erasure) {
                ok = false;
            }
            if (!ok) {
                counters.failedAttempts++;
            }
            inFlight.add(new InFlight(u, p, ok));
        }
    }

    private void slotEnd(double now) {
        for (int i = inFlight.size() - 1; i >= 0; i--) {
            InFlight f = inFlight.get(i);
            if (!f.ok() && f.packet().attempts() <= retryLimit) {
                // reverse order keeps a FIFO's failed packets in their original order at its head
                f.user().queue.requeue(f.packet());
            }
        }
        for (InFlight f : inFlight) {
            if (f.ok()) {
                deliver(f.user(), f.packet(), now);
            } else if (f.packet().attempts() > retryLimit) {
                drop(f.user(), f.packet(), DropCause.RADIO, now);
            }
        }
        inFlight.clear();
    }

    private void deliver(UserSession u, Packet p, double now) {
        counters.delivered++;
        counters.deliveredBits += p.bits();
        counters.delays.add(now - p.sendTime());
        if (cfg.traffic() != Traffic.VIDEO) {
            return;
        }
        u.jitter.arrival(p.sendTime(), now);
        u.byDisplay[p.frameIndex()].packetDelivered(now);
        u.receiver.fragmentDelivered(p.segment(), p.fragmentsInSegment(), p.bits() / 8, p.sendTime(), now,
                u.sender.rtt());
        if (!u.reportTimerRunning) {
            u.reportTimerRunning = true;
            events.schedule(now + u.sender.rtt(), new ReceiverReport(u.index, true));
        }
        if (u.receiver.wantsExpeditedReport() && !expeditedPending[u.index]) {
            expeditedPending[u.index] = true;
            events.schedule(now, new ReceiverReport(u.index, false));
        }
    }

    private void drop(UserSession u, Packet p, DropCause cause, double now) {
        counters.drop(cause);
        if (cfg.traffic() != Traffic.VIDEO) {
            return;
        }
        boolean visible = !(stack.lossDifferentiation() && cause == DropCause.RADIO);
        u.receiver.fragmentLost(p.segment(), p.fragmentsInSegment(), p.sendTime(), visible, now, u.sender.rtt());
    }

    private void emitFrame(UserSession u, int codingIndex, double now) {
        VideoSpec video = cfg.video();
        Frame frame = u.frames.get(codingIndex);
        double rate = Math.max(video.minRateBps(), Math.min(video.maxRateBps(), 8 * u.sender.rateBytesPerSecond()));
        double gopBits = rate * video.gop().length() / video.fps();
        double sigma2 = Math.log1p(video.sizeCv() * video.sizeCv());
        double noise = Math.exp(Math.sqrt(sigma2) * u.frameSizes.nextGaussian() - sigma2 / 2);
        double bits = gopBits * video.sizeWeight(frame.type()) / gopWeight * noise;
        int packetBits = cfg.phy().packetBits();
        int packets = Math.max(1, (int) Math.ceil(bits / packetBits));
        frame.encode((long) packets * packetBits, packets, video.quality().encodedPsnr(rate));
        u.encodedBits += (double) packets * packetBits;
        int perSegment = Math.max(1, (int) Math.ceil(cfg.tfrc().segmentBytes() * 8.0 / packetBits));
        List<Packet> out = new ArrayList<>(packets);
        for (int j = 0; j < packets; j++) {
            int segmentIndex = j / perSegment;
            int fragments = Math.min(perSegment, packets - segmentIndex * perSegment);
            out.add(new Packet(packetIds++, u.index, frame.displayIndex(), frame.type(), frame.deadline(), now,
                    u.nextSegment + segmentIndex, fragments, packetBits));
        }
        u.nextSegment += (packets + perSegment - 1) / perSegment;
        counters.offered += packets;
        events.schedule(now + cfg.tfrc().wiredDelaySeconds(), new ArrivalAtAccessPoint(u.index, out));
    }

    private void arrive(UserSession u, List<Packet> packets, double now) {
        LinkQueue queue = u.queue;
        for (Packet p : packets) {
            for (LinkQueue.Dropped d : queue.offer(p)) {
                drop(u, d.packet(), d.cause(), now);
            }
        }
    }

    private void receiverReport(UserSession u, boolean periodic, double now) {
        if (periodic) {
            if (u.receiver.hasDataSinceReport()) {
                sendReport(u, now);
            }
            events.schedule(now + u.sender.rtt(), new ReceiverReport(u.index, true));
        } else {
            expeditedPending[u.index] = false;
            sendReport(u, now);
        }
    }

    private void sendReport(UserSession u, double now) {
        events.schedule(now + cfg.tfrc().reverseDelaySeconds(), new ReportAtSender(u.index, u.receiver.report(now)));
    }

    private void reportAtSender(UserSession u, ReportAtSender r, double now) {
        u.sender.onReport(r.report(), now);
        events.schedule(u.sender.noFeedbackDeadline(), new NoFeedbackCheck(u.index));
    }

    private void noFeedbackCheck(UserSession u, double now) {
        if (now >= u.sender.noFeedbackDeadline() - 1e-12) {
            u.sender.onNoFeedback(now);
            events.schedule(u.sender.noFeedbackDeadline(), new NoFeedbackCheck(u.index));
        }
    }
}
