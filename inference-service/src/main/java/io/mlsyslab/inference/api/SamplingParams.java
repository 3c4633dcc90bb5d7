package io.mlsyslab.inference.api;

import io.mlsyslab.inference.engine.GenerationRequest;
import io.mlsyslab.nn.decode.SamplingConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.databind.JsonNode;

/**
 * The request fields shared by completions and chat completions, read from the JSON body with OpenAI's defaults
 * and an error naming the parameter for every bad value.
 */
record SamplingParams(String model, int maxTokens, SamplingConfig sampling, int n, List<String> stop,
                      boolean stream, boolean includeUsage, boolean ignoreEos, boolean seeded) {

    static final int MAX_N = 16;

    static SamplingParams read(JsonNode body, String maxTokensField, int defaultMaxTokens) {
        String model = text(body, "model");
        if (model == null || model.isBlank()) {
            throw OpenAiException.invalid("model", "model is required");
        }
        int maxTokens = integer(body, maxTokensField, defaultMaxTokens, 1, Integer.MAX_VALUE);
        if (body.has("max_completion_tokens") && !body.get("max_completion_tokens").isNull()) {
            maxTokens = integer(body, "max_completion_tokens", defaultMaxTokens, 1, Integer.MAX_VALUE);
        }
        double temperature = number(body, "temperature", 1.0, 0, 2);
        double topP = number(body, "top_p", 1.0, Double.MIN_VALUE, 1);
        int topK = integer(body, "top_k", 0, -1, Integer.MAX_VALUE);
        if (topK < 0) {
            topK = 0;
        }
        int n = integer(body, "n", 1, 1, MAX_N);
        for (String unsupported : List.of("presence_penalty", "frequency_penalty")) {
            if (body.has(unsupported) && !body.get(unsupported).isNull() && body.get(unsupported).asDouble() != 0) {
                throw OpenAiException.invalid(unsupported, unsupported + " is not supported (only 0)");
            }
        }
        JsonNode bestOf = body.get("best_of");
        if (bestOf != null && !bestOf.isNull() && bestOf.asInt() != n) {
            throw OpenAiException.invalid("best_of", "best_of is not supported (only equal to n)");
        }
        boolean seeded = body.has("seed") && !body.get("seed").isNull();
        long seed;
        if (seeded) {
            JsonNode s = body.get("seed");
            if (!s.isIntegralNumber() || !s.canConvertToLong()) {
                throw OpenAiException.invalid("seed", "seed must be an integer");
            }
            seed = s.asLong();
        } else {
            seed = ThreadLocalRandom.current().nextLong();
        }
        List<String> stop = new ArrayList<>();
        JsonNode st = body.get("stop");
        if (st != null && !st.isNull()) {
            if (st.isString()) {
                stop.add(st.asString());
            } else if (st.isArray() && st.size() <= 4) {
                for (JsonNode s : st) {
                    if (!s.isString()) {
                        throw OpenAiException.invalid("stop", "stop must be a string or a list of up to 4 strings");
                    }
                    stop.add(s.asString());
                }
            } else {
                throw OpenAiException.invalid("stop", "stop must be a string or a list of up to 4 strings");
            }
            for (String s : stop) {
                if (s.isEmpty()) {
                    throw OpenAiException.invalid("stop", "stop strings must not be empty");
                }
            }
        }
        boolean stream = bool(body, "stream", false);
        boolean includeUsage = false;
        JsonNode so = body.get("stream_options");
        if (so != null && !so.isNull()) {
            if (!so.isObject()) {
                throw OpenAiException.invalid("stream_options", "stream_options must be an object");
            }
            if (!stream) {
                throw OpenAiException.invalid("stream_options", "stream_options is only allowed with stream: true");
            }
            includeUsage = bool(so, "include_usage", false);
        }
        SamplingConfig sampling = new SamplingConfig((float) temperature, topK, (float) topP, seed);
        return new SamplingParams(model, maxTokens, sampling, n, stop, stream, includeUsage,
                bool(body, "ignore_eos", false), seeded);
    }

    GenerationRequest request(int[] prompt, Integer logprobs, boolean echo) {
        return new GenerationRequest(prompt, maxTokens, sampling, n, stop, logprobs, echo, ignoreEos);
    }

    static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isString()) {
            throw OpenAiException.invalid(field, field + " must be a string");
        }
        return v.asString();
    }

    static int integer(JsonNode body, String field, int dflt, int min, int max) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < min || v.asInt() > max) {
            throw OpenAiException.invalid(field, field + " must be an integer in " + min + ".." + max);
        }
        return v.asInt();
    }

    static double number(JsonNode body, String field, double dflt, double min, double max) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isNumber() || !(v.asDouble() >= min && v.asDouble() <= max)) {
            throw OpenAiException.invalid(field, field + " must be a number in [" + (min == Double.MIN_VALUE ? "0 (exclusive)" : min) + ", " + max + "]");
        }
        return v.asDouble();
    }

    static boolean bool(JsonNode body, String field, boolean dflt) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isBoolean()) {
            throw OpenAiException.invalid(field, field + " must be a boolean");
        }
        return v.asBoolean();
    }
}
