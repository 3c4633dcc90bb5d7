package io.mlsyslab.training.trainer;

import io.mlsyslab.nn.model.ParameterLayout;
import io.mlsyslab.nn.model.TensorSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * How the flat parameter vector is cut into the fragments Streaming DiLoCo synchronises one at a time.
 *
 * <p>Transformer blocks are assigned {@code strided} (fragment p holds blocks p, p+P, p+2P, ...) or
 * {@code sequential} (fragment p holds blocks p L/P .. (p+1) L/P - 1). The tensors outside every block go with the
 * end of the network they belong to: {@code wte} (also the tied LM head) and {@code wpe} with fragment 0,
 * {@code ln_f} with fragment P-1 (with P = 1 everything is one fragment, i.e. DiLoCo). Each fragment is a list of
 * contiguous ranges of the flat vector, in layout order.
 */
public final class Fragments {
    private Fragments() {
    }

    /** One fragment: ranges {@code [starts[i], starts[i] + lengths[i])} of the flat vector. */
    public record Fragment(int index, int[] starts, int[] lengths, int size, List<String> tensors) {
        /** Copies this fragment's values of {@code src} into a contiguous array. */
        public float[] gather(float[] src) {
            float[] out = new float[size];
            int k = 0;
            for (int r = 0; r < starts.length; r++) {
                System.arraycopy(src, starts[r], out, k, lengths[r]);
                k += lengths[r];
            }
            return out;
        }
    }

    /** The fragment of {@code layout} tensor {@code name}. */
    static int fragmentOf(String name, int nLayer, int p, boolean sequential) {
        if (name.startsWith("h.")) {
            int l = Integer.parseInt(name.substring(2, name.indexOf('.', 2)));
            return sequential ? l / (nLayer / p) : l % p;
        }
        return name.startsWith("ln_f") ? p - 1 : 0;
    }

    /** The {@code p} fragments of a GPT-2 layout with {@code nLayer} blocks. */
    public static List<Fragment> plan(ParameterLayout layout, int nLayer, int p, boolean sequential) {
        if (p < 1 || nLayer % p != 0) {
            throw new IllegalArgumentException("fragments: fragments must divide nLayer=" + nLayer + ", was " + p);
        }
        List<List<int[]>> ranges = new ArrayList<>();
        List<List<String>> names = new ArrayList<>();
        for (int i = 0; i < p; i++) {
            ranges.add(new ArrayList<>());
            names.add(new ArrayList<>());
        }
        for (TensorSpec s : layout.tensors()) {
            int f = fragmentOf(s.name(), nLayer, p, sequential);
            names.get(f).add(s.name());
            List<int[]> rs = ranges.get(f);
            int[] last = rs.isEmpty() ? null : rs.getLast();
            if (last != null && last[0] + last[1] == s.offset()) {
                last[1] += s.size();
            } else {
                rs.add(new int[]{s.offset(), s.size()});
            }
        }
        List<Fragment> out = new ArrayList<>();
        for (int i = 0; i < p; i++) {
            List<int[]> rs = ranges.get(i);
            int[] starts = new int[rs.size()], lengths = new int[rs.size()];
            int size = 0;
            for (int r = 0; r < rs.size(); r++) {
                starts[r] = rs.get(r)[0];
                lengths[r] = rs.get(r)[1];
                size += lengths[r];
            }
            out.add(new Fragment(i, starts, lengths, size, List.copyOf(names.get(i))));
        }
        return out;
    }
}
