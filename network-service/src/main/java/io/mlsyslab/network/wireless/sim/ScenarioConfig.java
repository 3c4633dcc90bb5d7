package io.mlsyslab.network.wireless.sim;

import io.mlsyslab.contract.FieldErrorException;
import io.mlsyslab.network.wireless.metrics.EnergyModel;
import io.mlsyslab.network.wireless.transport.TfrcSpec;
import io.mlsyslab.network.wireless.video.VideoSpec;

/** One scenario: N users downlink through one access point sharing a slotted fading link. */
public record ScenarioConfig(int users, double durationSeconds, Traffic traffic, ChannelSpec channel, PhySpec phy,
        LinkSpec link, VideoSpec video, TfrcSpec tfrc, EnergyModel energy) {

    public static ScenarioConfig defaults() {
        return new ScenarioConfig(1, 10, Traffic.VIDEO, ChannelSpec.defaults(), PhySpec.defaults(), LinkSpec.defaults(),
                VideoSpec.defaults(), TfrcSpec.defaults(), EnergyModel.defaults());
    }

    public ScenarioConfig {
        if (users < 1 || users > 64) {
            throw new FieldErrorException("users", "must be in [1, 64]");
        }
        if (!(durationSeconds > 0 && durationSeconds <= 3600)) {
            throw new FieldErrorException("durationSeconds", "must be in (0, 3600]");
        }
        if (traffic == null || channel == null || phy == null || link == null || video == null || tfrc == null
                || energy == null) {
            throw new FieldErrorException("traffic", "scenario parts must not be null");
        }
        if (link.fixedMode() > phy.modes().size()) {
            throw new FieldErrorException("fixedMode", "the mode table has only " + phy.modes().size() + " modes");
        }
    }

    public ScenarioConfig withUsers(int n) {
        return new ScenarioConfig(n, durationSeconds, traffic, channel, phy, link, video, tfrc, energy);
    }

    public ScenarioConfig withDuration(double seconds) {
        return new ScenarioConfig(users, seconds, traffic, channel, phy, link, video, tfrc, energy);
    }

    public ScenarioConfig withTraffic(Traffic t) {
        return new ScenarioConfig(users, durationSeconds, t, channel, phy, link, video, tfrc, energy);
    }

    public ScenarioConfig withChannel(ChannelSpec c) {
        return new ScenarioConfig(users, durationSeconds, traffic, c, phy, link, video, tfrc, energy);
    }

    public ScenarioConfig withPhy(PhySpec p) {
        return new ScenarioConfig(users, durationSeconds, traffic, channel, p, link, video, tfrc, energy);
    }

    public ScenarioConfig withLink(LinkSpec l) {
        return new ScenarioConfig(users, durationSeconds, traffic, channel, phy, l, video, tfrc, energy);
    }

    public ScenarioConfig withVideo(VideoSpec v) {
        return new ScenarioConfig(users, durationSeconds, traffic, channel, phy, link, v, tfrc, energy);
    }

    public long slots() {
        return (long) Math.ceil(durationSeconds / phy.slotSeconds());
    }
}
