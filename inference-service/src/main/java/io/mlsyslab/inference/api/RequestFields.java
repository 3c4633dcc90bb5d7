package io.mlsyslab.inference.api;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Every top-level field a client may send to the OpenAI endpoints, and what happens to it. A field is either
 * honoured, accepted as a documented no-op (only where OpenAI's own API treats it so: it changes no generated
 * token), or refused with a 400 naming it — nothing is silently ignored (docs/openai-api.md, "Fields").
 */
enum RequestFields {
    COMPLETIONS(Set.of("model", "prompt", "best_of", "echo", "frequency_penalty", "logit_bias", "logprobs",
            "max_tokens", "n", "presence_penalty", "seed", "stop", "stream", "stream_options", "temperature", "top_p",
            // vLLM's extensions
            "top_k", "repetition_penalty", "min_tokens", "stop_token_ids", "ignore_eos", "priority",
            "response_format", "kvOffload"),
            Map.of("suffix", "suffix (insertion) is not supported: GPT-2 has no fill-in-the-middle training")),
    CHAT(Set.of("model", "messages", "frequency_penalty", "logit_bias", "logprobs", "top_logprobs",
            "max_tokens", "max_completion_tokens", "n", "presence_penalty", "response_format", "seed", "stop",
            "stream", "stream_options", "temperature", "top_p", "tools", "tool_choice", "parallel_tool_calls",
            "modalities",
            // vLLM's extensions
            "top_k", "repetition_penalty", "min_tokens", "stop_token_ids", "ignore_eos", "priority", "kvOffload"),
            Map.of("audio", "audio output is not supported: the models here generate text only",
                    "prediction", "predicted outputs are not supported",
                    "reasoning_effort", "reasoning_effort is not supported: the models here are not reasoning models",
                    "verbosity", "verbosity is not supported: the models here are not reasoning models",
                    "web_search_options", "web search is not supported",
                    "functions", "functions is deprecated and not supported: use tools",
                    "function_call", "function_call is deprecated and not supported: use tool_choice"));

    /**
     * Accepted and changing nothing, as in OpenAI's API: {@code user}, {@code safety_identifier} (abuse monitoring),
     * {@code store} and {@code metadata} (stored completions), {@code service_tier} (billing tier),
     * {@code prompt_cache_key} (a cache-routing hint).
     */
    static final Set<String> NO_OPS = Set.of("user", "safety_identifier", "store", "metadata", "service_tier",
            "prompt_cache_key");

    private final Set<String> honoured;
    private final Map<String, String> refused;

    RequestFields(Set<String> honoured, Map<String, String> refused) {
        this.honoured = honoured;
        this.refused = refused;
    }

    /** Refuses (400 naming the field) any field this endpoint neither honours nor accepts as a no-op. */
    void check(JsonNode body) {
        for (Iterator<String> it = body.propertyNames().iterator(); it.hasNext(); ) {
            String field = it.next();
            if (honoured.contains(field)) {
                continue;
            }
            if (NO_OPS.contains(field)) {
                checkNoOp(field, body.get(field));
                continue;
            }
            String why = refused.get(field);
            if (why != null) {
                if (!body.get(field).isNull()) {
                    throw OpenAiException.invalid(field, why);
                }
                continue;
            }
            String name = OpenAiException.printable(field);
            throw OpenAiException.invalid(name, "unknown field '" + name + "' (see the field table in "
                    + "docs/openai-api.md)");
        }
    }

    /** No-op fields are still type-checked as OpenAI types them, so a client's mistake is not hidden. */
    private static void checkNoOp(String field, JsonNode v) {
        if (v.isNull()) {
            return;
        }
        switch (field) {
            case "store" -> {
                if (!v.isBoolean()) {
                    throw OpenAiException.invalid(field, "store must be a boolean");
                }
            }
            case "metadata" -> {
                if (!v.isObject() || v.size() > 16) {
                    throw OpenAiException.invalid(field, "metadata must be an object of at most 16 string values");
                }
                for (JsonNode value : v) {
                    if (!value.isString() || value.asString().length() > 512) {
                        throw OpenAiException.invalid(field, "metadata values must be strings of at most 512 "
                                + "characters");
                    }
                }
            }
            default -> {
                if (!v.isString()) {
                    throw OpenAiException.invalid(field, field + " must be a string");
                }
            }
        }
    }
}
