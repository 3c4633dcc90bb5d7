package io.mlsyslab.nn.safetensors;

import io.mlsyslab.nn.json.Json;
import io.mlsyslab.nn.kernel.HalfFloats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a safetensors file from fp32 arrays, narrowing to F16 or BF16 on request. Tensors are laid out
 * back to back in insertion order and the header is space-padded to a multiple of 8 bytes, as the reference
 * implementation does.
 */
public final class SafeTensorsWriter {
    private record Pending(String name, DType dtype, int[] shape, float[] values) {
    }

    private final List<Pending> tensors = new ArrayList<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();

    /** Adds a tensor; {@code values.length} must equal the product of {@code shape}. The array is not copied. */
    public SafeTensorsWriter add(String name, DType dtype, int[] shape, float[] values) {
        if (name == null || name.isEmpty() || name.equals("__metadata__")) {
            throw new IllegalArgumentException("name: must be a non-empty tensor name, was '" + name + "'");
        }
        long count = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException(name + ": negative dimension in shape");
            }
            count *= d;
        }
        if (count != values.length) {
            throw new IllegalArgumentException(name + ": shape holds " + count + " elements but " + values.length
                    + " values were given");
        }
        for (Pending p : tensors) {
            if (p.name.equals(name)) {
                throw new IllegalArgumentException(name + ": added twice");
            }
        }
        tensors.add(new Pending(name, dtype, shape.clone(), values));
        return this;
    }

    /** Adds a {@code __metadata__} entry. */
    public SafeTensorsWriter metadata(String key, String value) {
        metadata.put(key, value);
        return this;
    }

    /** The complete file image. */
    public byte[] toBytes() {
        Map<String, Object> header = new LinkedHashMap<>();
        if (!metadata.isEmpty()) {
            header.put("__metadata__", metadata);
        }
        long offset = 0;
        for (Pending p : tensors) {
            long len = (long) p.values.length * p.dtype.bytes();
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("dtype", p.dtype.name());
            List<Object> shape = new ArrayList<>();
            for (int d : p.shape) {
                shape.add(d);
            }
            e.put("shape", shape);
            e.put("data_offsets", List.of(offset, offset + len));
            header.put(p.name, e);
            offset += len;
        }
        byte[] json = Json.write(header).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        if (8L + padded + offset > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("tensors: file image larger than 2 GB; write fewer tensors per file");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) (8 + padded + offset)).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(padded);
        buf.put(json);
        for (int i = json.length; i < padded; i++) {
            buf.put((byte) ' ');
        }
        for (Pending p : tensors) {
            switch (p.dtype) {
                case F32 -> {
                    for (float v : p.values) {
                        buf.putFloat(v);
                    }
                }
                case F16 -> {
                    for (float v : p.values) {
                        buf.putShort(HalfFloats.toFp16(v));
                    }
                }
                case BF16 -> {
                    for (float v : p.values) {
                        buf.putShort(HalfFloats.toBf16(v));
                    }
                }
            }
        }
        return buf.array();
    }

    /** Writes the file, replacing any existing one. */
    public void write(Path file) {
        try {
            Files.write(file, toBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("file: cannot write " + file, e);
        }
    }
}
