package io.mlsyslab.nn.tokenizer;

import io.mlsyslab.nn.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GPT-2's byte-level BPE, loaded from the {@code vocab.json} and {@code merges.txt} files that Hugging Face and
 * OpenAI distribute. Text is split with GPT-2's pre-tokenisation pattern, each piece's UTF-8 bytes are mapped to
 * printable characters with GPT-2's byte-to-unicode table, and merges are applied lowest rank first.
 */
public final class Gpt2BpeTokenizer implements Tokenizer {
    private static final Pattern PRE_TOKENIZE = Pattern.compile(
            "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+");
    /** Control tokens such as {@code <|endoftext|>}: text that BPE never produces from ordinary input pieces. */
    private static final Pattern SPECIAL = Pattern.compile("<\\|[A-Za-z0-9_]+\\|>");
    private static final char[] BYTE_TO_CHAR = new char[256];
    private static final Map<Character, Integer> CHAR_TO_BYTE = new HashMap<>();

    static {
        // GPT-2's bytes_to_unicode: printable bytes map to themselves, the rest to 256, 257, ...
        int n = 0;
        for (int b = 0; b < 256; b++) {
            boolean printable = (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            BYTE_TO_CHAR[b] = printable ? (char) b : (char) (256 + n++);
            CHAR_TO_BYTE.put(BYTE_TO_CHAR[b], b);
        }
    }

    private final Map<String, Integer> encoder;
    private final String[] decoder;
    private final Map<String, Integer> mergeRanks = new HashMap<>();
    private final Map<String, int[]> cache = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param vocabJson  contents of {@code vocab.json}: token string → id
     * @param mergesText contents of {@code merges.txt}: one "left right" pair per line, by rank; a
     *                   {@code #version} first line is skipped
     */
    public Gpt2BpeTokenizer(String vocabJson, String mergesText) {
        Map<String, Object> raw = Json.parseObject(vocabJson);
        encoder = new HashMap<>();
        int max = -1;
        for (Map.Entry<String, Object> e : raw.entrySet()) {
            if (!(e.getValue() instanceof Long id) || id < 0 || id > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("vocab: id of '" + e.getKey() + "' is not a non-negative integer");
            }
            encoder.put(e.getKey(), (int) (long) id);
            max = Math.max(max, (int) (long) id);
        }
        decoder = new String[max + 1];
        for (Map.Entry<String, Integer> e : encoder.entrySet()) {
            if (decoder[e.getValue()] != null) {
                throw new IllegalArgumentException("vocab: id " + e.getValue() + " is used twice");
            }
            decoder[e.getValue()] = e.getKey();
        }
        int rank = 0;
        for (String line : mergesText.split("\n")) {
            if (line.startsWith("#version") || line.isBlank()) {
                continue;
            }
            String[] pair = line.strip().split(" ");
            if (pair.length != 2) {
                throw new IllegalArgumentException("merges: line '" + line + "' is not a pair");
            }
            mergeRanks.putIfAbsent(pair[0] + " " + pair[1], rank++);
        }
    }

    /** Loads {@code dir/vocab.json} and {@code dir/merges.txt}. */
    public static Gpt2BpeTokenizer load(Path dir) {
        try {
            return new Gpt2BpeTokenizer(Files.readString(dir.resolve("vocab.json")),
                    Files.readString(dir.resolve("merges.txt")));
        } catch (IOException e) {
            throw new UncheckedIOException("dir: cannot read vocab.json/merges.txt in " + dir, e);
        }
    }

    @Override
    public int[] encode(String text) {
        List<Integer> ids = new ArrayList<>();
        Matcher m = PRE_TOKENIZE.matcher(text);
        while (m.find()) {
            byte[] bytes = m.group().getBytes(StandardCharsets.UTF_8);
            StringBuilder sb = new StringBuilder();
            for (byte b : bytes) {
                sb.append(BYTE_TO_CHAR[b & 0xff]);
            }
            for (int id : bpe(sb.toString())) {
                ids.add(id);
            }
        }
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    private int[] bpe(String word) {
        int[] cached = cache.get(word);
        if (cached != null) {
            return cached;
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < word.length(); i++) {
            parts.add(String.valueOf(word.charAt(i)));
        }
        while (parts.size() > 1) {
            int best = -1, bestRank = Integer.MAX_VALUE;
            for (int i = 0; i + 1 < parts.size(); i++) {
                Integer r = mergeRanks.get(parts.get(i) + " " + parts.get(i + 1));
                if (r != null && r < bestRank) {
                    bestRank = r;
                    best = i;
                }
            }
            if (best < 0) {
                break;
            }
            // merge every occurrence of the best pair, left to right, as the reference implementation does
            String left = parts.get(best), right = parts.get(best + 1);
            List<String> merged = new ArrayList<>();
            for (int i = 0; i < parts.size(); i++) {
                if (i + 1 < parts.size() && parts.get(i).equals(left) && parts.get(i + 1).equals(right)) {
                    merged.add(left + right);
                    i++;
                } else {
                    merged.add(parts.get(i));
                }
            }
            parts = merged;
        }
        int[] out = new int[parts.size()];
        for (int i = 0; i < out.length; i++) {
            Integer id = encoder.get(parts.get(i));
            if (id == null) {
                throw new IllegalArgumentException("vocab: no id for BPE symbol '" + parts.get(i) + "'");
            }
            out[i] = id;
        }
        if (cache.size() < 100_000) {
            cache.put(word, out);
        }
        return out;
    }

    @Override
    public String decode(int[] ids) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int id : ids) {
            if (id < 0 || id >= decoder.length || decoder[id] == null) {
                throw new IllegalArgumentException("ids: " + id + " is not in the vocabulary");
            }
            for (char ch : decoder[id].toCharArray()) {
                Integer b = CHAR_TO_BYTE.get(ch);
                if (b == null) {
                    throw new IllegalArgumentException("vocab: token '" + decoder[id] + "' has a non-byte character");
                }
                bytes.write(b);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Override
    public int vocabSize() {
        return decoder.length;
    }

    /** The token's raw bytes: its vocabulary string with GPT-2's byte-to-unicode map undone. */
    @Override
    public byte[] tokenBytes(int id) {
        if (id < 0 || id >= decoder.length || decoder[id] == null) {
            throw new IllegalArgumentException("id: " + id + " is not in the vocabulary");
        }
        String symbol = decoder[id];
        byte[] out = new byte[symbol.length()];
        for (int i = 0; i < out.length; i++) {
            Integer b = CHAR_TO_BYTE.get(symbol.charAt(i));
            if (b == null) {
                throw new IllegalArgumentException("vocab: token '" + symbol + "' has a non-byte character");
            }
            out[i] = (byte) (int) b;
        }
        return out;
    }

    @Override
    public boolean isSpecial(int id) {
        return id >= 0 && id < decoder.length && decoder[id] != null && SPECIAL.matcher(decoder[id]).matches();
    }
}
