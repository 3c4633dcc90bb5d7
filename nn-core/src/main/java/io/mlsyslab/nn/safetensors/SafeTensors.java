package io.mlsyslab.nn.safetensors;

import io.mlsyslab.nn.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A validated, read-only view of a safetensors file: an 8-byte little-endian header length, a JSON header naming
 * each tensor's dtype, shape and byte range, then the raw little-endian data.
 *
 * <p>Files are memory-mapped, so opening a multi-gigabyte checkpoint costs nothing until tensors are read. Every
 * structural problem (truncated file, header longer than the file, malformed JSON, unsupported dtype, byte ranges
 * outside the data or inconsistent with the shape, overlapping tensors) is reported as an
 * {@link IllegalArgumentException} whose message starts with the offending field or tensor name.
 */
public final class SafeTensors implements AutoCloseable {
    /** Headers larger than this are rejected rather than parsed (the reference implementation uses 100 MB). */
    public static final long MAX_HEADER_BYTES = 100L << 20;
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final Arena arena;
    private final MemorySegment data;
    private final Map<String, TensorEntry> entries;
    private final Map<String, String> metadata;

    private SafeTensors(Arena arena, MemorySegment data, Map<String, TensorEntry> entries,
                        Map<String, String> metadata) {
        this.arena = arena;
        this.data = data;
        this.entries = entries;
        this.metadata = metadata;
    }

    /** Maps and validates a file; close the result to unmap it. */
    public static SafeTensors open(Path file) {
        Arena arena = Arena.ofShared();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            MemorySegment seg = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
            return parse(seg, arena);
        } catch (IOException e) {
            arena.close();
            throw new UncheckedIOException("file: cannot read " + file, e);
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    /** Validates an in-memory file image. */
    public static SafeTensors fromBytes(byte[] bytes) {
        return parse(MemorySegment.ofArray(bytes), null);
    }

    private static SafeTensors parse(MemorySegment file, Arena arena) {
        long size = file.byteSize();
        if (size < 8) {
            throw new IllegalArgumentException("file: truncated, " + size + " bytes is shorter than the 8-byte header length");
        }
        long headerLen = file.get(U64, 0);
        if (headerLen < 0 || headerLen > MAX_HEADER_BYTES) {
            throw new IllegalArgumentException("header: length " + Long.toUnsignedString(headerLen)
                    + " is outside 0.." + MAX_HEADER_BYTES);
        }
        if (8 + headerLen > size) {
            throw new IllegalArgumentException("header: length " + headerLen + " exceeds the " + (size - 8)
                    + " bytes after the length field (truncated file?)");
        }
        byte[] headerBytes = file.asSlice(8, headerLen).toArray(ValueLayout.JAVA_BYTE);
        String headerText = new String(headerBytes, StandardCharsets.UTF_8);
        Map<String, Object> header;
        try {
            header = Json.parseObject(headerText);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("header: not valid JSON (" + e.getMessage() + ")", e);
        }
        MemorySegment data = file.asSlice(8 + headerLen);
        Map<String, TensorEntry> entries = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : header.entrySet()) {
            if (e.getKey().equals("__metadata__")) {
                if (!(e.getValue() instanceof Map<?, ?> m)) {
                    throw new IllegalArgumentException("__metadata__: must be an object of strings");
                }
                for (Map.Entry<?, ?> me : m.entrySet()) {
                    if (!(me.getValue() instanceof String s)) {
                        throw new IllegalArgumentException("__metadata__: value of '" + me.getKey() + "' is not a string");
                    }
                    metadata.put((String) me.getKey(), s);
                }
                continue;
            }
            entries.put(e.getKey(), entry(e.getKey(), e.getValue(), data.byteSize()));
        }
        checkNoOverlap(entries);
        return new SafeTensors(arena, data, Collections.unmodifiableMap(entries), Collections.unmodifiableMap(metadata));
    }

    private static TensorEntry entry(String name, Object value, long dataSize) {
        if (!(value instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(name + ": header entry must be an object");
        }
        if (!(m.get("dtype") instanceof String dt)) {
            throw new IllegalArgumentException(name + ": missing dtype");
        }
        DType dtype = DType.fromName(name, dt);
        if (!(m.get("shape") instanceof List<?> shapeList)) {
            throw new IllegalArgumentException(name + ": missing shape");
        }
        int[] shape = new int[shapeList.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            if (!(shapeList.get(i) instanceof Long d) || d < 0 || d > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(name + ": shape " + shapeList + " must hold non-negative integers");
            }
            shape[i] = (int) (long) d;
            count = Math.multiplyExact(count, d);
        }
        if (!(m.get("data_offsets") instanceof List<?> offs) || offs.size() != 2
                || !(offs.get(0) instanceof Long begin) || !(offs.get(1) instanceof Long end)) {
            throw new IllegalArgumentException(name + ": data_offsets must be [begin, end]");
        }
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException(name + ": data_offsets [" + begin + ", " + end + "] are not ordered");
        }
        if (end > dataSize) {
            throw new IllegalArgumentException(name + ": data_offsets end " + end + " is past the " + dataSize
                    + "-byte data section (truncated file?)");
        }
        long need = count * dtype.bytes();
        if (end - begin != need) {
            throw new IllegalArgumentException(name + ": data_offsets span " + (end - begin) + " bytes but shape "
                    + shapeList + " of " + dtype + " needs " + need);
        }
        return new TensorEntry(name, dtype, shape, begin, end);
    }

    private static void checkNoOverlap(Map<String, TensorEntry> entries) {
        List<TensorEntry> sorted = new ArrayList<>(entries.values());
        sorted.sort(Comparator.comparingLong(TensorEntry::begin).thenComparingLong(TensorEntry::end));
        for (int i = 1; i < sorted.size(); i++) {
            TensorEntry prev = sorted.get(i - 1), cur = sorted.get(i);
            if (cur.begin() < prev.end()) {
                throw new IllegalArgumentException(cur.name() + ": data overlaps tensor " + prev.name());
            }
        }
    }

    /** Tensor names in header order. */
    public Set<String> names() {
        return entries.keySet();
    }

    /** Header entry of a tensor, or null when absent. */
    public TensorEntry entry(String name) {
        return entries.get(name);
    }

    /** The {@code __metadata__} map (empty when the file has none). */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** Raw little-endian bytes of a tensor. */
    public MemorySegment segment(String name) {
        TensorEntry e = require(name);
        return data.asSlice(e.begin(), e.end() - e.begin());
    }

    /** A tensor's values widened to fp32, whatever its stored dtype. */
    public float[] floats(String name) {
        TensorEntry e = require(name);
        if (e.elementCount() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(name + ": " + e.elementCount() + " elements do not fit a Java array");
        }
        int n = (int) e.elementCount();
        float[] out = new float[n];
        MemorySegment seg = segment(name);
        switch (e.dtype()) {
            case F32 -> MemorySegment.copy(seg, F32, 0, out, 0, n);
            case F16 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Float.float16ToFloat(seg.getAtIndex(I16, i));
                }
            }
            case BF16 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Float.intBitsToFloat((seg.getAtIndex(I16, i) & 0xffff) << 16);
                }
            }
        }
        return out;
    }

    private TensorEntry require(String name) {
        TensorEntry e = entries.get(name);
        if (e == null) {
            throw new IllegalArgumentException(name + ": no such tensor in file");
        }
        return e;
    }

    /** Unmaps a file opened with {@link #open(Path)}; a no-op for in-memory images. */
    @Override
    public void close() {
        if (arena != null) {
            arena.close();
        }
    }
}
