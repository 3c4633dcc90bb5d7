package io.mlsyslab.analytics.api;

import io.mlsyslab.analytics.regimes.FiniteSizeThresholds;
import io.mlsyslab.analytics.regimes.RegimeBounds;
import io.mlsyslab.analytics.regimes.RegimeThresholds;
import io.mlsyslab.analytics.regimes.TheoryCurves;
import io.mlsyslab.platform.errors.ProblemException;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Theory thresholds of the high-dimensional KDE regimes: {@code GET /api/analytics/kde/regimes?alpha=&sigma=}, with
 * optional {@code d} (finite-size corrected thresholds) and {@code points} (sampled asymptotic curves).
 */
@RestController
@RequestMapping("/api/analytics/kde")
public class RegimesController {

    static final int MAX_POINTS = 1000;

    /**
     * @param asymptotic thresholds in the d -> infinity limit at alpha
     * @param finiteSize the same with the finite-size corrections at dimension d (null without d)
     * @param curves     f1, f2, Y2 and KL/d against h / h_G in [0.25, 2.5] (empty without points)
     */
    public record RegimesResponse(RegimeThresholds asymptotic, FiniteSizeThresholds finiteSize,
                                  List<TheoryCurves.Point> curves) {
    }

    @GetMapping("/regimes")
    public RegimesResponse regimes(@RequestParam(required = false) String alpha,
                                   @RequestParam(required = false) String sigma,
                                   @RequestParam(required = false) String d,
                                   @RequestParam(required = false) String points) {
        // the kde-regimes run kind's ranges (RegimeBounds), so the theory is offered where the sweep is
        double a = number("alpha", alpha, null, RegimeBounds.alphaMin(), RegimeBounds.alphaMax());
        double s = number("sigma", sigma, 1.0, RegimeBounds.sigmaMin(), RegimeBounds.sigmaMax());
        Integer dim = integer("d", d, RegimeBounds.D_MIN, RegimeBounds.D_MAX);
        Integer pointCount = integer("points", points, 2, MAX_POINTS);
        FiniteSizeThresholds finite = null;
        if (dim != null) {
            if (a * dim > FiniteSizeThresholds.MAX_LOG_N) {
                throw ProblemException.unprocessable("d", "alpha * d = " + a * dim + " means n = e^(alpha d) points; "
                        + "finite-size corrections are computed up to alpha * d = " + FiniteSizeThresholds.MAX_LOG_N);
            }
            finite = FiniteSizeThresholds.of(a, s, dim);
        }
        List<TheoryCurves.Point> curves = pointCount == null ? List.of()
                : TheoryCurves.sample(a, s, 0.25, 2.5, pointCount);
        return new RegimesResponse(RegimeThresholds.of(a, s), finite, curves);
    }

    private static double number(String field, String raw, Double fallback, double min, double max) {
        if (raw == null || raw.isBlank()) {
            if (fallback == null) {
                throw ProblemException.badField(field, "is required");
            }
            return fallback;
        }
        double value;
        try {
            value = Double.parseDouble(raw.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.badField(field, "'" + raw + "' is not a number");
        }
        if (!(value >= min && value <= max)) {
            throw ProblemException.badField(field, "must be a number in [" + min + ", " + max + "], got " + raw);
        }
        return value;
    }

    private static Integer integer(String field, String raw, int min, int max) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        int value;
        try {
            value = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.badField(field, "'" + raw + "' is not an integer");
        }
        if (value < min || value > max) {
            throw ProblemException.badField(field, "must be in [" + min + ", " + max + "], got " + value);
        }
        return value;
    }
}
