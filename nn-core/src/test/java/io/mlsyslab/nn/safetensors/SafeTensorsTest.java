package io.mlsyslab.nn.safetensors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlsyslab.nn.kernel.HalfFloats;
import io.mlsyslab.nn.model.GptConfig;
import io.mlsyslab.nn.model.Gpt2Checkpoint;
import io.mlsyslab.nn.model.Gpt2Model;
import io.mlsyslab.nn.model.PyTorchVectors;
import io.mlsyslab.nn.model.TensorSpec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {
    @Test
    void roundTripsF32F16AndBf16WithMetadata() {
        float[] a = {1f, -2.5f, 3.1415927f, 1e-3f, 65504f, 0f};
        byte[] bytes = new SafeTensorsWriter().metadata("format", "pt")
                .add("a", DType.F32, new int[]{2, 3}, a).add("h", DType.F16, new int[]{6}, a)
                .add("b", DType.BF16, new int[]{3, 2}, a).add("scalar", DType.F32, new int[]{}, new float[]{7f})
                .toBytes();
        try (SafeTensors st = SafeTensors.fromBytes(bytes)) {
            assertThat(st.names()).containsExactly("a", "h", "b", "scalar");
            assertThat(st.metadata()).containsEntry("format", "pt");
            assertThat(st.floats("a")).containsExactly(a);
            assertThat(st.entry("b").shape()).containsExactly(3, 2);
            for (int i = 0; i < a.length; i++) {
                assertThat(st.floats("h")[i]).isEqualTo(HalfFloats.fromFp16(HalfFloats.toFp16(a[i])));
                assertThat(st.floats("b")[i]).isEqualTo(HalfFloats.fromBf16(HalfFloats.toBf16(a[i])));
            }
            assertThat(st.floats("scalar")).containsExactly(7f);
        }
        long headerLen = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(headerLen % 8).isZero();
    }

    @Test
    void narrowingAgreesBitForBitWithPyTorch() throws Exception {
        Path dir = PyTorchVectors.dir("tiny36");
        try (SafeTensors f32 = SafeTensors.open(dir.resolve("model.safetensors"));
             SafeTensors f16 = SafeTensors.open(dir.resolve("model-f16.safetensors"));
             SafeTensors bf16 = SafeTensors.open(dir.resolve("model-bf16.safetensors"))) {
            for (String name : f32.names()) {
                float[] x = f32.floats(name), h = f16.floats(name), b = bf16.floats(name);
                for (int i = 0; i < x.length; i++) {
                    assertThat(HalfFloats.fromFp16(HalfFloats.toFp16(x[i]))).isEqualTo(h[i]);
                    assertThat(HalfFloats.fromBf16(HalfFloats.toBf16(x[i]))).isEqualTo(b[i]);
                }
            }
            GptConfig cfg = GptConfig.fromJson(Files.readString(dir.resolve("config.json")));
            Gpt2Model fromBf16 = Gpt2Checkpoint.fromSafeTensors(cfg, bf16);
            assertThat(fromBf16.params().tensor("wte.weight").toArray()).containsExactly(bf16.floats("wte.weight"));
        }
    }

    @Test
    void loadsHuggingFaceLmHeadLayoutWithPrefixAndBuffers(@TempDir Path tmp) throws Exception {
        Gpt2Model model = Gpt2Checkpoint.load(PyTorchVectors.dir("tiny32"));
        GptConfig cfg = model.config();
        SafeTensorsWriter w = new SafeTensorsWriter();
        for (TensorSpec s : model.params().layout().tensors()) {
            w.add("transformer." + s.name(), DType.F32, s.shape(), model.params().tensor(s.name()).toArray());
        }
        int np = cfg.nPositions();
        w.add("transformer.h.0.attn.bias", DType.F32, new int[]{1, 1, np, np}, new float[np * np]);
        w.add("lm_head.weight", DType.F32, new int[]{cfg.vocabSize(), cfg.nEmbd()},
                model.params().tensor("wte.weight").toArray());
        Files.writeString(tmp.resolve("config.json"), cfg.toJson());
        w.write(tmp.resolve("model.safetensors"));
        Gpt2Model loaded = Gpt2Checkpoint.load(tmp);
        assertThat(loaded.config()).isEqualTo(cfg);
        assertThat(java.util.Arrays.equals(loaded.params().data(), model.params().data())).isTrue();

        Path out = tmp.resolve("saved");
        Gpt2Checkpoint.save(loaded, out, DType.F32);
        assertThat(java.util.Arrays.equals(Gpt2Checkpoint.load(out).params().data(), model.params().data())).isTrue();
    }

    @Test
    void rejectsMissingUnexpectedAndMisshapenTensors() {
        GptConfig cfg = new GptConfig(8, 4, 4, 1, 2, 1e-5f);
        Gpt2Model m = Gpt2Model.initialize(cfg, 1);
        SafeTensorsWriter missing = new SafeTensorsWriter();
        for (TensorSpec s : m.params().layout().tensors()) {
            if (!s.name().equals("ln_f.bias")) {
                missing.add(s.name(), DType.F32, s.shape(), m.params().tensor(s.name()).toArray());
            }
        }
        assertThatThrownBy(() -> Gpt2Checkpoint.fromSafeTensors(cfg, SafeTensors.fromBytes(missing.toBytes())))
                .hasMessageStartingWith("ln_f.bias: missing");
        missing.add("ln_f.bias", DType.F32, new int[]{4}, new float[4]).add("extra", DType.F32, new int[]{1},
                new float[1]);
        assertThatThrownBy(() -> Gpt2Checkpoint.fromSafeTensors(cfg, SafeTensors.fromBytes(missing.toBytes())))
                .hasMessageStartingWith("extra: unexpected");
        GptConfig wider = new GptConfig(8, 4, 6, 1, 2, 1e-5f);
        assertThatThrownBy(() -> Gpt2Checkpoint.fromSafeTensors(wider,
                SafeTensors.fromBytes(Gpt2Checkpoint.toWriter(m.params(), DType.F32).toBytes())))
                .hasMessageStartingWith("wte.weight: shape [8, 4] in checkpoint, config needs [8, 6]");
    }

    @Test
    void reportsStructuralErrorsClearly() {
        byte[] good = new SafeTensorsWriter().add("x", DType.F32, new int[]{2, 2}, new float[4]).toBytes();
        assertThatThrownBy(() -> SafeTensors.fromBytes(new byte[5])).hasMessageStartingWith("file: truncated");
        assertThatThrownBy(() -> SafeTensors.fromBytes(Arrays.copyOf(good, good.length - 3)))
                .hasMessageStartingWith("x: data_offsets end 16 is past the 13-byte data section");
        byte[] longHeader = good.clone();
        ByteBuffer.wrap(longHeader).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 1_000_000);
        assertThatThrownBy(() -> SafeTensors.fromBytes(longHeader)).hasMessageStartingWith("header: length 1000000 exceeds");
        assertThatThrownBy(() -> SafeTensors.fromBytes(file("{\"x\":{\"dtype\":\"F32\",\"shape\":[3],"
                + "\"data_offsets\":[0,8]}}", 8))).hasMessageStartingWith("x: data_offsets span 8 bytes but shape [3] of F32 needs 12");
        assertThatThrownBy(() -> SafeTensors.fromBytes(file("{\"x\":{\"dtype\":\"I8\",\"shape\":[1],"
                + "\"data_offsets\":[0,1]}}", 1))).hasMessageStartingWith("x: unsupported dtype 'I8'");
        assertThatThrownBy(() -> SafeTensors.fromBytes(file("{\"x\":", 0))).hasMessageStartingWith("header: not valid JSON");
        assertThatThrownBy(() -> SafeTensors.fromBytes(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8)))
                .hasMessageStartingWith("b: data overlaps tensor a");
        try (SafeTensors st = SafeTensors.fromBytes(good)) {
            assertThatThrownBy(() -> st.floats("y")).hasMessageStartingWith("y: no such tensor");
        }
    }

    private static byte[] file(String header, int dataBytes) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        return b.array();
    }
}
