package io.mlsyslab.nn.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlsyslab.nn.json.Json;
import io.mlsyslab.nn.model.PyTorchVectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenizerTest {
    @Test
    void bpeMatchesTheReferenceEncoderOnTheCommittedTinyVocabulary() throws Exception {
        Path dir = Path.of(TokenizerTest.class.getResource("/bpe-tiny/vocab.json").toURI()).getParent();
        Gpt2BpeTokenizer bpe = Gpt2BpeTokenizer.load(dir);
        assertThat(bpe.vocabSize()).isEqualTo(336);
        List<?> cases = (List<?>) Json.parse(Files.readString(dir.resolve("expected.json")));
        for (Object o : cases) {
            Map<?, ?> c = (Map<?, ?>) o;
            String text = (String) c.get("text");
            int[] ids = bpe.encode(text);
            assertThat(ids).as(text).containsExactly(PyTorchVectors.ints(c.get("ids")));
            assertThat(bpe.decode(ids)).isEqualTo(text);
        }
        assertThatThrownBy(() -> bpe.decode(new int[]{999})).hasMessageStartingWith("ids: 999");
    }

    @Test
    void charTokenizerRoundTripsAndSavesItsVocabulary() {
        CharTokenizer t = CharTokenizer.fromCorpus("hello, wörld\n");
        assertThat(t.vocabSize()).isEqualTo(11);
        int[] ids = t.encode("world, hello");
        assertThat(t.decode(ids)).isEqualTo("world, hello");
        CharTokenizer restored = CharTokenizer.fromJson(t.toJson());
        assertThat(restored.encode("wörld")).containsExactly(t.encode("wörld"));
        assertThatThrownBy(() -> t.encode("xyz")).hasMessageStartingWith("text: character 'x'");
    }

    @Test
    void byteTokenizerIsLossless() {
        ByteTokenizer t = new ByteTokenizer();
        String s = "naïve ☃ text";
        assertThat(t.decode(t.encode(s))).isEqualTo(s);
        assertThat(t.encode("A")).containsExactly(65);
    }
}
