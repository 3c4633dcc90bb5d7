package io.mlsyslab.inference.api;

import io.mlsyslab.inference.engine.GenerationRequest;
import io.mlsyslab.inference.engine.LogitsProcessing;
import io.mlsyslab.inference.engine.TokenConstraint;
import io.mlsyslab.nn.decode.SamplingConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.databind.JsonNode;

/**
 * The request fields shared by completions and chat completions, read from the JSON body with OpenAI's defaults
 * and an error naming the parameter for every bad value.
 */
record SamplingParams(String model, int maxTokens, SamplingConfig sampling, int n, List<String> stop,
                      boolean stream, boolean includeUsage, boolean ignoreEos, boolean seeded,
                      LogitsProcessing processing, int priority) {

    static final int MAX_N = 16;
    static final int MAX_LOGIT_BIAS = 300;
    static final int MAX_STOP_TOKEN_IDS = 64;

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
        if (body.has("best_of") && !body.get("best_of").isNull()
                && integer(body, "best_of", n, 1, Integer.MAX_VALUE) != n) {
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
            for (String f : so.propertyNames()) {
                if (!f.equals("include_usage") && !f.equals("include_obfuscation")) {
                    throw OpenAiException.invalid("stream_options." + f, "unknown field of stream_options");
                }
            }
            includeUsage = bool(so, "include_usage", false);
            bool(so, "include_obfuscation", false); // accepted: no obfuscation padding is sent, no token changes
        }
        SamplingConfig sampling = new SamplingConfig((float) temperature, topK, (float) topP, seed);
        return new SamplingParams(model, maxTokens, sampling, n, stop, stream, includeUsage,
                bool(body, "ignore_eos", false), seeded, processing(body),
                integer(body, "priority", 0, Integer.MIN_VALUE, Integer.MAX_VALUE));
    }

    /** Penalties, logit bias, min_tokens and stop token ids (token ids are checked against the vocabulary later). */
    private static LogitsProcessing processing(JsonNode body) {
        float presence = (float) number(body, "presence_penalty", 0, -2, 2);
        float frequency = (float) number(body, "frequency_penalty", 0, -2, 2);
        float repetition = (float) number(body, "repetition_penalty", 1, Double.MIN_VALUE, 10);
        Map<Integer, Float> bias = new LinkedHashMap<>();
        JsonNode lb = body.get("logit_bias");
        if (lb != null && !lb.isNull()) {
            if (!lb.isObject() || lb.size() > MAX_LOGIT_BIAS) {
                throw OpenAiException.invalid("logit_bias", "logit_bias must be an object of at most "
                        + MAX_LOGIT_BIAS + " token ids (as strings) to numbers in [-100, 100]");
            }
            for (String key : lb.propertyNames()) {
                if (!key.matches("0|[1-9][0-9]{0,8}")) {
                    throw OpenAiException.invalid("logit_bias", "logit_bias keys must be token ids (decimal "
                            + "integers as strings)");
                }
                bias.put(Integer.parseInt(key), (float) number(lb, key, 0, -100, 100, "logit_bias"));
            }
        }
        int minTokens = integer(body, "min_tokens", 0, 0, Integer.MAX_VALUE);
        int[] stopIds = new int[0];
        JsonNode st = body.get("stop_token_ids");
        if (st != null && !st.isNull()) {
            if (!st.isArray() || st.size() > MAX_STOP_TOKEN_IDS) {
                throw OpenAiException.invalid("stop_token_ids", "stop_token_ids must be a list of at most "
                        + MAX_STOP_TOKEN_IDS + " token ids");
            }
            stopIds = new int[st.size()];
            for (int i = 0; i < stopIds.length; i++) {
                JsonNode v = st.get(i);
                if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < 0) {
                    throw OpenAiException.invalid("stop_token_ids", "stop_token_ids must be token ids (integers "
                            + ">= 0)");
                }
                stopIds[i] = v.asInt();
            }
        }
        return new LogitsProcessing(presence, frequency, repetition, bias, minTokens, stopIds);
    }

    /** The same request with another max_tokens (chat's default depends on the prompt) and stop list. */
    SamplingParams with(int maxTokens, List<String> stop) {
        return new SamplingParams(model, maxTokens, sampling, n, stop, stream, includeUsage, ignoreEos, seeded,
                processing, priority);
    }

    GenerationRequest request(int[] prompt, Integer logprobs, boolean echo, TokenConstraint.Factory constraint) {
        return new GenerationRequest(prompt, maxTokens, sampling, n, stop, logprobs, echo, ignoreEos, processing,
                priority, constraint);
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
        return number(body, field, dflt, min, max, field);
    }

    /** A number in [min, max] ({@code Double.MIN_VALUE}: exclusive 0); errors name {@code param}. */
    static double number(JsonNode body, String field, double dflt, double min, double max, String param) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (!v.isNumber() || !(v.asDouble() >= min && v.asDouble() <= max)) {
            throw OpenAiException.invalid(param, param + " must be a number in ["
                    + (min == Double.MIN_VALUE ? "0 (exclusive)" : fmt(min)) + ", " + fmt(max) + "]");
        }
        return v.asDouble();
    }

    private static String fmt(double x) {
        return x == Math.rint(x) ? Long.toString((long) x) : Double.toString(x);
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
