package io.mlsyslab.nn.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Locale;

/**
 * The optional native form of {@link PagedAttention.Scan}'s page fold ({@code src/main/c/paged_attention.c}), called
 * through the foreign-function API. It does the same split-softmax arithmetic, but converts fp16/bf16 rows in
 * registers straight into the multiply-adds instead of widening each page into an fp32 block first: for scans of
 * mapped pages this leaves few enough instructions per cache line for the page reads to overlap the arithmetic
 * (benchmarks/STORAGE-BENCHMARKS.md, "Native page fold").
 *
 * <p>The library is built by nn-core's {@code native-kernel} Maven profile (active where {@code /usr/bin/cc} exists,
 * on Linux x86-64) into the jar as {@value #RESOURCE}. It is used when that resource is present, the CPU has AVX2,
 * FMA and F16C, and {@code -Dmlsyslab.native=false} is not set; otherwise {@link #available()} is false and callers
 * use the Java kernel. Run with {@code --enable-native-access=ALL-UNNAMED} (the platform's launchers do) to avoid
 * the JDK's restricted-method warning.
 */
public final class NativePagedAttention {
    /** Class-path location of the library. */
    public static final String RESOURCE = "/native/linux-x86_64/libmlsyslab-nn.so";
    private static final Loaded LOADED = load();

    private NativePagedAttention() {
    }

    /** Whether {@link PagedAttention.Scan#fold} runs natively here. */
    public static boolean available() {
        return LOADED.fold != null;
    }

    /** Why the native kernel is not used (empty when it is): for logs and benchmark reports. */
    public static String unavailableReason() {
        return LOADED.reason;
    }

    static void fold(float[] q, int qOff, int headDim, int group, float scale, KvFormat format, Batch batch,
                     float[] max, float[] sum, float[] acc) {
        if (LOADED.fold == null) {
            throw new IllegalStateException("native paged attention unavailable: " + LOADED.reason);
        }
        int code;
        try {
            code = (int) LOADED.fold.invokeExact(MemorySegment.ofArray(q).asSlice((long) qOff * Float.BYTES),
                    headDim, group, scale, code(format), MemorySegment.ofArray(batch.keys),
                    MemorySegment.ofArray(batch.values), MemorySegment.ofArray(batch.strides),
                    MemorySegment.ofArray(batch.tokens), MemorySegment.ofArray(batch.kvHeads), batch.size,
                    MemorySegment.ofArray(max), MemorySegment.ofArray(sum), MemorySegment.ofArray(acc));
        } catch (Throwable e) {
            throw new IllegalStateException("native paged attention failed", e);
        }
        if (code != 0) {
            throw new IllegalStateException("native paged attention rejected format " + format);
        }
    }

    /** The C code's format numbers. */
    private static int code(KvFormat format) {
        return switch (format) {
            case F32 -> 0;
            case F16 -> 1;
            case BF16 -> 2;
        };
    }

    /**
     * Pages to fold in one native call: the address of each page's key rows and value rows, its row count, row
     * stride and kv-head. {@link #add} checks every range against its segment, so the native code only reads memory the
     * segments own; the segments must stay alive until the fold returns. Reusable ({@link #clear}); not thread-safe.
     */
    public static final class Batch {
        private long[] keys = new long[64];
        private long[] values = new long[64];
        private long[] strides = new long[64];
        private int[] tokens = new int[64];
        private int[] kvHeads = new int[64];
        private int size;

        /** Number of pages added since the last {@link #clear}. */
        public int size() {
            return size;
        }

        public void clear() {
            size = 0;
        }

        /**
         * Adds {@code rows} contiguous rows of {@code rowBytes} of kv-head {@code kvHead}, keys from
         * {@code keyOff} and values from {@code valueOff}. Returns false, adding nothing, when either segment is on
         * the heap (the native code reads addresses; fold such pages with {@link PagedAttention.Scan#add}).
         */
        public boolean add(MemorySegment keySeg, long keyOff, MemorySegment valueSeg, long valueOff, int rows,
                           long rowBytes, int kvHead) {
            return add(keySeg, keyOff, valueSeg, valueOff, rows, rowBytes, rowBytes, kvHead);
        }

        /** As {@link #add(MemorySegment, long, MemorySegment, long, int, long, int)} with row j at j·rowStride. */
        public boolean add(MemorySegment keySeg, long keyOff, MemorySegment valueSeg, long valueOff, int rows,
                           long rowBytes, long rowStride, int kvHead) {
            if (!keySeg.isNative() || !valueSeg.isNative()) {
                return false;
            }
            Checks.nonNegative("rows", rows);
            if (rows == 0) {
                return true;
            }
            Checks.nonNegative("kvHead", kvHead);
            Checks.kvRows(keySeg, keyOff, valueSeg, valueOff, rowStride, rows, rowBytes);
            if (size == keys.length) {
                int grown = Math.multiplyExact(size, 2);
                keys = Arrays.copyOf(keys, grown);
                values = Arrays.copyOf(values, grown);
                strides = Arrays.copyOf(strides, grown);
                tokens = Arrays.copyOf(tokens, grown);
                kvHeads = Arrays.copyOf(kvHeads, grown);
            }
            keys[size] = keySeg.address() + keyOff;
            values[size] = valueSeg.address() + valueOff;
            strides[size] = rowStride;
            tokens[size] = rows;
            kvHeads[size] = kvHead;
            size++;
            return true;
        }

        int maxKvHead() {
            int m = -1;
            for (int i = 0; i < size; i++) {
                m = Math.max(m, kvHeads[i]);
            }
            return m;
        }
    }

    /**
     * Makes the library use its AVX-512 code ({@code true}, where the CPU has it) or its AVX2 code; returns whether
     * AVX-512 is in use afterwards. For tests of both paths on one machine.
     */
    static boolean useWide(boolean wide) {
        try {
            return (int) LOADED.useWide.invokeExact(wide ? 1 : 0) == 1;
        } catch (Throwable e) {
            throw new IllegalStateException("native paged attention unavailable: " + LOADED.reason, e);
        }
    }

    private record Loaded(MethodHandle fold, MethodHandle useWide, String reason) {
        Loaded(String reason) {
            this(null, null, reason);
        }
    }

    private static Loaded load() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (!Boolean.parseBoolean(System.getProperty("mlsyslab.native", "true"))) {
            return new Loaded("disabled by -Dmlsyslab.native=false");
        }
        if (!os.startsWith("linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            return new Loaded("built for Linux x86-64 only, running on " + os + " " + arch);
        }
        try (InputStream in = NativePagedAttention.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return new Loaded(RESOURCE + " is not on the class path (built without a C compiler)");
            }
            Path file = Files.createTempFile("mlsyslab-nn", ".so");
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            Linker linker = Linker.nativeLinker();
            SymbolLookup lib = SymbolLookup.libraryLookup(file, Arena.global());
            MethodHandle supported = linker.downcallHandle(lib.find("mls_paged_supported").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT));
            if ((int) supported.invokeExact() != 1) {
                return new Loaded("this CPU lacks AVX2, FMA or F16C");
            }
            // critical: no thread-state transition, and the heap arrays are passed in place (pinned); the thread holds
            // off safepoints for the call's length: under a millisecond for a storage task (16 pages × every
            // kv-head), a few milliseconds for a host-side scan of a whole 8192-token head
            MethodHandle fold = linker.downcallHandle(lib.find("mls_paged_fold").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT,
                            ValueLayout.JAVA_INT, ValueLayout.JAVA_FLOAT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
                            ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
                            ValueLayout.JAVA_INT,
                            ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.ADDRESS),
                    Linker.Option.critical(true));
            MethodHandle useWide = linker.downcallHandle(lib.find("mls_paged_use_wide").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
            return new Loaded(fold, useWide, "");
        } catch (IOException | RuntimeException e) {
            return new Loaded("could not load " + RESOURCE + ": " + e);
        } catch (Throwable e) {
            return new Loaded("could not call " + RESOURCE + ": " + e);
        }
    }
}
