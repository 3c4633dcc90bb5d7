package io.mlsyslab.platform.testapp;

import io.mlsyslab.platform.charts.SvgChart;
import io.mlsyslab.platform.runs.ParamDescription;
import io.mlsyslab.platform.runs.RunContext;
import io.mlsyslab.platform.runs.RunKind;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.stereotype.Component;

/** Test-only kind: counts down {@code steps} steps of {@code stepMillis} each, reporting a metric per step. */
@Component
public class CountdownKind implements RunKind<CountdownKind.Params, CountdownKind.Result> {

    public record Params(
            @ParamDescription("number of steps") @Min(1) @Max(10_000) Integer steps,
            @ParamDescription("sleep per step in ms") @Min(0) @Max(60_000) Integer stepMillis,
            @ParamDescription("fail at this step") Integer failAt) {
        public Params {
            steps = steps == null ? 3 : steps;
            stepMillis = stepMillis == null ? 10 : stepMillis;
        }
    }

    public record Result(int steps, long sumOfSquares) {}

    @Override
    public String name() {
        return "countdown";
    }

    @Override
    public String description() {
        return "Test kind that sleeps through a number of steps";
    }

    @Override
    public Class<Params> paramsType() {
        return Params.class;
    }

    @Override
    public Result execute(Params params, RunContext ctx) throws Exception {
        long sum = 0;
        double[] x = new double[params.steps()];
        double[] y = new double[params.steps()];
        for (int i = 0; i < params.steps(); i++) {
            ctx.checkCancelled();
            if (params.failAt() != null && params.failAt() == i) {
                throw new IllegalStateException("asked to fail at step " + i);
            }
            Thread.sleep(params.stepMillis());
            sum += (long) i * i;
            ctx.metric("square", i, (double) i * i);
            ctx.progress((i + 1.0) / params.steps());
            x[i] = i;
            y[i] = (double) i * i;
        }
        ctx.artifact("chart.svg", "image/svg+xml", SvgChart.line("squares", "step", "value").series("i²", x, y).toBytes());
        return new Result(params.steps(), sum);
    }
}
