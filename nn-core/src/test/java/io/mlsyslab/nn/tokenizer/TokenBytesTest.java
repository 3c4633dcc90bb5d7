package io.mlsyslab.nn.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Each token's exact bytes: concatenated over an encoding they are the text's UTF-8, partial characters included. */
class TokenBytesTest {
    static final String TEXT = "Hello, wörld — naïve ☃ 日本 😀 \"quoted\"\n\ttab";

    @Test
    void bpeTokenBytesConcatenateToTheUtf8OfTheText() throws Exception {
        Path dir = Path.of(TokenBytesTest.class.getResource("/bpe-tiny/vocab.json").toURI()).getParent();
        Gpt2BpeTokenizer bpe = Gpt2BpeTokenizer.load(dir);
        assertThat(concat(bpe, bpe.encode(TEXT))).isEqualTo(TEXT.getBytes(StandardCharsets.UTF_8));
        // the tiny vocabulary has all 256 byte symbols: ids 0..255 are single bytes, some not valid UTF-8 alone
        boolean sawPartial = false;
        for (int id = 0; id < bpe.vocabSize(); id++) {
            byte[] b = bpe.tokenBytes(id);
            assertThat(b).isNotEmpty();
            sawPartial |= b.length == 1 && (b[0] & 0x80) != 0;
            assertThat(bpe.isSpecial(id)).isFalse();
        }
        assertThat(sawPartial).isTrue();
        assertThatThrownBy(() -> bpe.tokenBytes(bpe.vocabSize())).hasMessageStartingWith("id: ");
    }

    @Test
    void endOfTextIsSpecialAndItsBytesAreItsText() throws Exception {
        Path dir = Path.of(TokenBytesTest.class.getResource("/bpe-tiny/vocab.json").toURI()).getParent();
        String vocab = Files.readString(dir.resolve("vocab.json")).strip();
        vocab = vocab.substring(0, vocab.length() - 1) + ", \"<|endoftext|>\": 336}";
        Gpt2BpeTokenizer bpe = new Gpt2BpeTokenizer(vocab, Files.readString(dir.resolve("merges.txt")));
        assertThat(bpe.isSpecial(336)).isTrue();
        assertThat(new String(bpe.tokenBytes(336), StandardCharsets.UTF_8)).isEqualTo("<|endoftext|>");
        assertThat(bpe.isSpecial(bpe.encode("<")[0])).isFalse();
    }

    @Test
    void charAndByteTokensAreTheirUtf8() {
        CharTokenizer chars = CharTokenizer.fromCorpus(TEXT);
        assertThat(concat(chars, chars.encode(TEXT))).isEqualTo(TEXT.getBytes(StandardCharsets.UTF_8));
        assertThat(chars.tokenBytes(chars.encode("😀")[0])).hasSize(4);
        ByteTokenizer bytes = new ByteTokenizer();
        assertThat(concat(bytes, bytes.encode(TEXT))).isEqualTo(TEXT.getBytes(StandardCharsets.UTF_8));
        assertThat(bytes.tokenBytes(0xE2)).containsExactly((byte) 0xE2);
        assertThat(bytes.isSpecial(0)).isFalse();
    }

    private static byte[] concat(Tokenizer t, int[] ids) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int id : ids) {
            out.writeBytes(t.tokenBytes(id));
        }
        return out.toByteArray();
    }
}
