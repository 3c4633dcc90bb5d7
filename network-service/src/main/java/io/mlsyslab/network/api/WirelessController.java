package io.mlsyslab.network.api;

import io.mlsyslab.network.wireless.metrics.Estimate;
import io.mlsyslab.network.wireless.sim.Experiment;
import io.mlsyslab.network.wireless.sim.ScenarioConfig;
import io.mlsyslab.network.wireless.sim.ScenarioKnobs;
import io.mlsyslab.network.wireless.sim.Stack;
import io.mlsyslab.network.wireless.sim.StackPreset;
import io.mlsyslab.network.wireless.sim.StackSummary;
import io.mlsyslab.platform.errors.ProblemException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Synchronous cross-layer wireless simulation: one scenario, several stacks, a few seeds. Requests beyond
 * {@link WirelessLimits} answer 413 and parameters the engine rejects answer 422, both naming the field.
 */
@RestController
@RequestMapping("/api/network/wireless")
public class WirelessController {

    private final WirelessLimits limits;

    public WirelessController(WirelessLimits limits) {
        this.limits = limits;
    }

    @PostMapping("/simulate")
    public WirelessSimulateResponse simulate(@Valid @RequestBody WirelessSimulateRequest request) {
        checkLimits(request);
        List<Stack> stacks = request.stacks().stream().map(WirelessController::stack).toList();
        ScenarioConfig config = scenario(request);
        long started = System.nanoTime();
        List<StackSummary> summaries = Experiment.run(config, stacks, request.seeds(), request.baseSeed());
        double elapsed = (System.nanoTime() - started) / 1e9;
        return new WirelessSimulateResponse(summaries.stream().map(WirelessController::toDto).toList(), request.seeds(),
                (long) stacks.size() * request.seeds(), elapsed);
    }

    private void checkLimits(WirelessSimulateRequest r) {
        // value ranges are the run kind's, checked by @Valid (ScenarioBounds); here the work a request may ask for
        if (r.users() > limits.maxUsers()) {
            throw ProblemException.tooLarge("users", "at most " + limits.maxUsers() + " users per request");
        }
        if (r.durationSeconds() > limits.maxDurationSeconds()) {
            throw ProblemException.tooLarge("durationSeconds", "at most " + limits.maxDurationSeconds()
                    + " s per request; use the wireless-crosslayer run kind for longer runs");
        }
        if (r.seeds() < 1) {
            throw ProblemException.unprocessable("seeds", "must be >= 1");
        }
        if (r.seeds() > limits.maxSeeds()) {
            throw ProblemException.tooLarge("seeds", "at most " + limits.maxSeeds() + " seeds per request");
        }
        if (r.stacks().isEmpty()) {
            throw ProblemException.unprocessable("stacks", "must not be empty");
        }
        if (r.stacks().size() > limits.maxStacks()) {
            throw ProblemException.tooLarge("stacks", "at most " + limits.maxStacks() + " stacks per request");
        }
        double userSeconds = r.users() * r.durationSeconds() * r.seeds() * r.stacks().size();
        if (userSeconds > limits.maxUserSeconds()) {
            throw ProblemException.tooLarge("durationSeconds", "users x durationSeconds x seeds x stacks = "
                    + Math.round(userSeconds) + " simulated user-seconds, more than " + limits.maxUserSeconds());
        }
    }

    /** An unknown name is a typed 422 on {@code stacks} from the engine, rendered by the platform's handler. */
    private static Stack stack(String name) {
        return StackPreset.parse(name).stack();
    }

    /** The engine refuses a knob with a typed field error (422 naming it), rendered by the platform's handler. */
    private static ScenarioConfig scenario(WirelessSimulateRequest r) {
        return new ScenarioKnobs(r.users(), r.durationSeconds(), r.traffic(), r.fading(), r.modeTable(),
                r.meanSnrDb(), r.dopplerHz(), r.feedbackDelaySlots(), r.estimationNoiseVariance(), r.retryLimit(),
                r.lossTarget(), r.playoutBufferMs(), r.burstGoodToBad(), r.burstBadToGood()).toConfig();
    }

    private static WirelessSimulateResponse.StackResult toDto(StackSummary s) {
        Map<String, WirelessSimulateResponse.Metric> metrics = new LinkedHashMap<>();
        for (Map.Entry<String, Estimate> e : s.metrics().entrySet()) {
            metrics.put(e.getKey(), new WirelessSimulateResponse.Metric(finite(e.getValue().mean()),
                    finite(e.getValue().halfWidth95())));
        }
        return new WirelessSimulateResponse.StackResult(s.stack(), metrics);
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
