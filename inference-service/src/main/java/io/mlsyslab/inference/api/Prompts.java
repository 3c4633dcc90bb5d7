package io.mlsyslab.inference.api;

import io.mlsyslab.nn.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** The {@code prompt} field of a completion: a string, a list of token ids, or a list of either (at most 64). */
final class Prompts {
    static final int MAX_PROMPTS = 64;

    private Prompts() {
    }

    /** The prompts as token ids (strings encoded with the model's tokenizer). */
    static List<int[]> read(JsonNode prompt, Tokenizer tokenizer) {
        if (prompt == null || prompt.isNull()) {
            throw OpenAiException.invalid("prompt", "prompt is required");
        }
        List<int[]> out = new ArrayList<>();
        if (prompt.isString()) {
            out.add(encode(prompt.asString(), tokenizer, "prompt"));
        } else if (prompt.isArray() && !prompt.isEmpty() && prompt.get(0).isIntegralNumber()) {
            out.add(ids(prompt, "prompt"));
        } else if (prompt.isArray() && !prompt.isEmpty()) {
            int i = 0;
            for (JsonNode p : prompt) {
                String field = "prompt[" + i++ + "]";
                if (p.isString()) {
                    out.add(encode(p.asString(), tokenizer, field));
                } else if (p.isArray()) {
                    out.add(ids(p, field));
                } else {
                    throw OpenAiException.invalid(field, "must be a string or a list of token ids");
                }
            }
        } else {
            throw OpenAiException.invalid("prompt", "prompt must be a string, a list of token ids or a non-empty list "
                    + "of either");
        }
        if (out.size() > MAX_PROMPTS) {
            throw OpenAiException.invalid("prompt", "at most " + MAX_PROMPTS + " prompts per request");
        }
        return out;
    }

    private static int[] encode(String text, Tokenizer tokenizer, String field) {
        if (tokenizer == null) {
            throw OpenAiException.invalid(field, "this model has no tokenizer: pass token ids");
        }
        int[] ids = tokenizer.encode(text);
        if (ids.length == 0) {
            throw OpenAiException.invalid(field, "prompt must not be empty");
        }
        return ids;
    }

    private static int[] ids(JsonNode list, String field) {
        if (list.isEmpty()) {
            throw OpenAiException.invalid(field, "prompt must not be empty");
        }
        int[] ids = new int[list.size()];
        for (int i = 0; i < ids.length; i++) {
            JsonNode v = list.get(i);
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                throw OpenAiException.invalid(field, "token ids must be integers");
            }
            ids[i] = v.asInt();
        }
        return ids;
    }
}
