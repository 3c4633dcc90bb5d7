package io.mlsyslab.nn.tokenizer;

import io.mlsyslab.nn.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One token per Unicode code point, with the vocabulary taken from a corpus (sorted code points). The vocabulary
 * is saved next to a model with {@link #toJson()} so that the ids stay meaningful.
 */
public final class CharTokenizer implements Tokenizer {
    private final int[] codePoints;
    private final Map<Integer, Integer> ids = new HashMap<>();

    private CharTokenizer(int[] codePoints) {
        this.codePoints = codePoints;
        for (int i = 0; i < codePoints.length; i++) {
            if (ids.put(codePoints[i], i) != null) {
                throw new IllegalArgumentException("vocabulary: code point " + codePoints[i] + " appears twice");
            }
        }
    }

    /** The sorted set of code points of {@code corpus}. */
    public static CharTokenizer fromCorpus(String corpus) {
        TreeSet<Integer> set = new TreeSet<>();
        corpus.codePoints().forEach(set::add);
        if (set.isEmpty()) {
            throw new IllegalArgumentException("corpus: must not be empty");
        }
        return new CharTokenizer(set.stream().mapToInt(Integer::intValue).toArray());
    }

    /** Restores a tokenizer written by {@link #toJson()}. */
    public static CharTokenizer fromJson(String json) {
        Map<String, Object> m = Json.parseObject(json);
        if (!"char".equals(m.get("type")) || !(m.get("vocab") instanceof List<?> vocab)) {
            throw new IllegalArgumentException("tokenizer: not a char tokenizer file");
        }
        int[] cps = new int[vocab.size()];
        for (int i = 0; i < cps.length; i++) {
            if (!(vocab.get(i) instanceof String s) || s.codePointCount(0, s.length()) != 1) {
                throw new IllegalArgumentException("vocab: entry " + i + " is not a single character");
            }
            cps[i] = s.codePointAt(0);
        }
        return new CharTokenizer(cps);
    }

    /** {@code {"type":"char","vocab":["\n"," ","A",...]}}. */
    public String toJson() {
        List<String> vocab = new ArrayList<>();
        for (int cp : codePoints) {
            vocab.add(new String(Character.toChars(cp)));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "char");
        m.put("vocab", vocab);
        return Json.write(m);
    }

    @Override
    public int[] encode(String text) {
        return text.codePoints().map(cp -> {
            Integer id = ids.get(cp);
            if (id == null) {
                throw new IllegalArgumentException("text: character '" + new String(Character.toChars(cp))
                        + "' is not in the vocabulary");
            }
            return id;
        }).toArray();
    }

    @Override
    public String decode(int[] tokens) {
        StringBuilder sb = new StringBuilder();
        for (int id : tokens) {
            if (id < 0 || id >= codePoints.length) {
                throw new IllegalArgumentException("ids: " + id + " outside vocabulary 0.." + (codePoints.length - 1));
            }
            sb.appendCodePoint(codePoints[id]);
        }
        return sb.toString();
    }

    @Override
    public int vocabSize() {
        return codePoints.length;
    }

    @Override
    public byte[] tokenBytes(int id) {
        if (id < 0 || id >= codePoints.length) {
            throw new IllegalArgumentException("id: " + id + " outside vocabulary 0.." + (codePoints.length - 1));
        }
        return new String(Character.toChars(codePoints[id])).getBytes(StandardCharsets.UTF_8);
    }
}
