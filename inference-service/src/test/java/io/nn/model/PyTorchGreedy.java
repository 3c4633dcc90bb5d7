package io.mlsyslab.nn.model;

import io.mlsyslab.nn.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** The committed PyTorch greedy-decode vectors (copied from nn-core, see gpt2-vectors/README.md). */
public record PyTorchGreedy(Path dir, int[] prompt, int[] tokens, double minMargin) {

    public static PyTorchGreedy load(String name) {
        try {
            Path dir = Path.of(PyTorchGreedy.class.getResource("/gpt2-vectors/" + name + "/config.json").toURI())
                    .getParent();
            Map<String, Object> info = Json.parseObject(Files.readString(dir.resolve("greedy.json")));
            return new PyTorchGreedy(dir, ints(info.get("greedy_prompt")), ints(info.get("greedy_tokens")),
                    ((Number) info.get("greedy_min_margin")).doubleValue());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public Gpt2Model model() {
        return Gpt2Checkpoint.load(dir);
    }

    public byte[] file(String name) {
        try {
            return Files.readAllBytes(dir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** This vector's prompt, then {@code extra} seeded random prompts of 1..12 tokens below {@code vocab}. */
    public List<int[]> mixedPrompts(int extra, long seed, int vocab) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<int[]> prompts = new ArrayList<>();
        prompts.add(prompt);
        for (int i = 0; i < extra; i++) {
            int[] p = new int[1 + rnd.nextInt(12)];
            for (int j = 0; j < p.length; j++) {
                p[j] = rnd.nextInt(vocab);
            }
            prompts.add(p);
        }
        return prompts;
    }

    private static int[] ints(Object list) {
        List<?> l = (List<?>) list;
        int[] out = new int[l.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((Number) l.get(i)).intValue();
        }
        return out;
    }
}
