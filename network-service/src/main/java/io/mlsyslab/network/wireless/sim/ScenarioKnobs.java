package io.mlsyslab.network.wireless.sim;

import io.mlsyslab.contract.FieldErrorException;
import io.mlsyslab.network.wireless.channel.FadingModel;
import io.mlsyslab.network.wireless.channel.GilbertElliottSpec;
import io.mlsyslab.network.wireless.phy.ModeTable;
import java.util.Locale;

/**
 * The handful of settings a user of the API or a run kind turns; everything else keeps the defaults of
 * {@link ScenarioConfig#defaults()}. {@code burstGoodToBad} = 0 means no Gilbert-Elliott overlay.
 */
public record ScenarioKnobs(int users, double durationSeconds, String traffic, String fading, String modeTable,
        double meanSnrDb, double dopplerHz, int feedbackDelaySlots, double estimationNoiseVariance, int retryLimit,
        double lossTarget, double playoutBufferMs, double burstGoodToBad, double burstBadToGood) {

    public ScenarioConfig toConfig() {
        ScenarioConfig d = ScenarioConfig.defaults();
        GilbertElliottSpec burst = burstGoodToBad > 0 ? GilbertElliottSpec.gilbert(burstGoodToBad, burstBadToGood) : null;
        ChannelSpec channel = d.channel().withFading(parse(FadingModel.class, fading, "fading"))
                .withMeanSnrDb(meanSnrDb).withDopplerHz(dopplerHz).withFeedbackDelaySlots(feedbackDelaySlots)
                .withEstimationNoiseVariance(estimationNoiseVariance).withGilbertElliott(burst);
        PhySpec p = d.phy();
        PhySpec phy = new PhySpec(p.slotSeconds(), p.symbolsPerSlot(), p.packetBits(), ModeTable.named(modeTable),
                p.ackSeconds());
        LinkSpec l = d.link();
        LinkSpec link = new LinkSpec(l.queueCapacityPackets(), lossTarget, retryLimit, l.layeredRetryLimit(),
                l.layeredTargetPer(), Math.min(l.fixedMode(), phy.modes().size()), l.bDropOccupancy());
        if (!(playoutBufferMs >= 0)) {
            throw new FieldErrorException("playoutBufferMs", "must be >= 0");
        }
        return new ScenarioConfig(users, durationSeconds, parse(Traffic.class, traffic, "traffic"), channel, phy, link,
                d.video().withPlayoutBuffer(playoutBufferMs / 1000.0), d.tfrc(), d.energy());
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String field) {
        try {
            return Enum.valueOf(type, value == null ? "" : value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new FieldErrorException(field, "unknown value '" + value + "'");
        }
    }
}
