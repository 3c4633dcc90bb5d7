package io.mlsyslab.platform.testapp;

import io.mlsyslab.contract.FieldErrorException;
import io.mlsyslab.platform.runs.RunContext;
import io.mlsyslab.platform.runs.RunKind;
import jakarta.validation.constraints.NotBlank;
import org.springframework.stereotype.Component;

/** Test-only kind with a required parameter (no default) and a submission-time check. */
@Component
public class EchoKind implements RunKind<EchoKind.Params, EchoKind.Params> {

    public record Params(@NotBlank String message, Integer times) {
        public Params {
            times = times == null ? 1 : times;
        }
    }

    @Override
    public String name() {
        return "echo";
    }

    @Override
    public String description() {
        return "Test kind with a required parameter";
    }

    @Override
    public Class<Params> paramsType() {
        return Params.class;
    }

    /** The message {@link #validateAtSubmission} refuses, as a kind refuses data it looked up. */
    public static final String REFUSED = "refuse-at-submission";

    @Override
    public void validateAtSubmission(Params params) {
        if (REFUSED.equals(params.message())) {
            throw FieldErrorException.unprocessable("message", "refused by the kind at submission");
        }
    }

    @Override
    public Params execute(Params params, RunContext ctx) {
        return params;
    }
}
