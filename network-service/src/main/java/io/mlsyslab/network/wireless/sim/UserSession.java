package io.mlsyslab.network.wireless.sim;

import io.mlsyslab.network.wireless.channel.FadingProcess;
import io.mlsyslab.network.wireless.channel.GilbertElliott;
import io.mlsyslab.network.wireless.csi.ChannelTracker;
import io.mlsyslab.network.wireless.link.FifoQueue;
import io.mlsyslab.network.wireless.link.LinkQueue;
import io.mlsyslab.network.wireless.link.PriorityEdfQueue;
import io.mlsyslab.network.wireless.math.RandomStreams;
import io.mlsyslab.network.wireless.metrics.InterarrivalJitter;
import io.mlsyslab.network.wireless.transport.TfrcReceiver;
import io.mlsyslab.network.wireless.transport.TfrcSender;
import io.mlsyslab.network.wireless.video.Frame;
import io.mlsyslab.network.wireless.video.GopSchedule;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Everything that belongs to one user: its channel and the transmitter's view of it, its queue at the access point,
 * its video stream and its TFRC sender/receiver pair. Each random purpose has its own stream, so the channel a user
 * sees is the same whichever stack is simulated.
 */
final class UserSession {

    final int index;
    final FadingProcess channel;
    final GilbertElliott burst;
    final ChannelTracker tracker;
    final LinkQueue queue;
    final List<Frame> frames;
    final Frame[] byDisplay;
    final TfrcSender sender;
    final TfrcReceiver receiver;
    final InterarrivalJitter jitter = new InterarrivalJitter();
    final RandomGenerator measurementNoise;
    final RandomGenerator packetErrors;
    final RandomGenerator frameSizes;
    long nextSegment;
    boolean reportTimerRunning;
    double encodedBits;
    int currentMode = -1;

    UserSession(int index, ScenarioConfig cfg, Stack stack, RandomStreams streams) {
        this.index = index;
        ChannelSpec ch = cfg.channel();
        this.channel = ch.fading().create(ch.dopplerHz(), cfg.phy().slotSeconds(), ch.jakesOscillators(),
                streams.stream("channel", index));
        this.burst = ch.gilbertElliott() == null ? null
                : new GilbertElliott(ch.gilbertElliott(), streams.stream("burst", index));
        this.tracker = new ChannelTracker(channel.lagOneCorrelation(), ch.estimationNoiseVariance(),
                ch.feedbackDelaySlots());
        this.measurementNoise = streams.stream("measurement", index);
        this.packetErrors = streams.stream("errors", index);
        this.frameSizes = streams.stream("frames", index);
        this.queue = stack.priorityScheduling()
                ? new PriorityEdfQueue(cfg.link().queueCapacityPackets(), cfg.link().bDropOccupancy())
                : new FifoQueue(cfg.link().queueCapacityPackets());
        if (cfg.traffic() == Traffic.VIDEO) {
            this.frames = GopSchedule.codingOrder(cfg.video(), cfg.durationSeconds());
            int max = frames.stream().mapToInt(Frame::displayIndex).max().orElse(-1);
            this.byDisplay = new Frame[max + 1];
            for (Frame f : frames) {
                byDisplay[f.displayIndex()] = f;
            }
            this.sender = new TfrcSender(cfg.tfrc().segmentBytes(), cfg.tfrc().initialRttSeconds(), 0.0);
            this.receiver = new TfrcReceiver(cfg.tfrc().segmentBytes());
        } else {
            this.frames = List.of();
            this.byDisplay = new Frame[0];
            this.sender = null;
            this.receiver = null;
        }
    }

    /** Moves the channel to the next slot and lets the receiver measure it (noisy, reported d slots later). */
    void advanceChannel(boolean first, double noiseVariance) {
        if (!first) {
            channel.advance();
            if (burst != null) {
                burst.advance();
            }
        }
        double sigma = Math.sqrt(noiseVariance / 2);
        double zRe = channel.re() + sigma * measurementNoise.nextGaussian();
        double zIm = channel.im() + sigma * measurementNoise.nextGaussian();
        tracker.observe(zRe, zIm);
    }
}
