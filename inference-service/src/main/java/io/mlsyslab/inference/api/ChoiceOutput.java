package io.mlsyslab.inference.api;

import io.mlsyslab.inference.engine.TokenOutput;
import io.mlsyslab.nn.tokenizer.Tokenizer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Output of one choice (or one event of it). */
final class ChoiceOutput {
    final StringBuilder text = new StringBuilder();
    final List<Integer> tokenIds = new ArrayList<>();
    final List<String> tokens = new ArrayList<>();
    final List<Float> tokenLogprobs = new ArrayList<>();
    final List<Map<String, Float>> top = new ArrayList<>();
    final List<Integer> offsets = new ArrayList<>();
    boolean hasLogprobs;
    int generated;
    String finish;

    void add(List<TokenOutput> out, Tokenizer tokenizer) {
        for (TokenOutput t : out) {
            if (t.topLogprobs() != null || t.logprob() != null) {
                hasLogprobs = true;
            }
            offsets.add(text.length());
            text.append(t.text());
            tokenIds.add(t.token());
            tokens.add(tokenizer == null ? "token_id:" + t.token() : tokenizer.decode(new int[]{t.token()}));
            tokenLogprobs.add(t.logprob());
            top.add(t.topLogprobs());
            if (!t.prompt()) {
                generated++;
            }
        }
    }

    Map<String, Object> logprobs() {
        if (!hasLogprobs) {
            return null;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tokens", tokens);
        m.put("token_logprobs", tokenLogprobs);
        m.put("top_logprobs", top);
        m.put("text_offset", offsets);
        return m;
    }

    Map<String, Object> chatLogprobs() {
        if (!hasLogprobs) {
            return null;
        }
        List<Map<String, Object>> content = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("token", tokens.get(i));
            e.put("logprob", tokenLogprobs.get(i));
            e.put("bytes", bytes(tokens.get(i)));
            List<Map<String, Object>> alts = new ArrayList<>();
            if (top.get(i) != null) {
                top.get(i).forEach((tok, lp) -> alts.add(Map.of("token", tok, "logprob", lp, "bytes", bytes(tok))));
            }
            e.put("top_logprobs", alts);
            content.add(e);
        }
        return Map.of("content", content);
    }

    private static List<Integer> bytes(String s) {
        List<Integer> b = new ArrayList<>();
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            b.add(x & 0xff);
        }
        return b;
    }
}
