package io.mlsyslab.nn.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ordered list of named tensors making up a model, each at a fixed offset of one flat float vector. The same
 * layout indexes parameters, gradients and optimiser moments, so a DiLoCo fragment (a set of names) maps to the
 * same ranges in all of them.
 */
public final class ParameterLayout {
    private final List<TensorSpec> specs;
    private final Map<String, TensorSpec> byName;
    private final int size;

    private ParameterLayout(List<TensorSpec> specs) {
        this.specs = Collections.unmodifiableList(specs);
        Map<String, TensorSpec> m = new LinkedHashMap<>();
        int total = 0;
        for (TensorSpec s : specs) {
            m.put(s.name(), s);
            total = s.offset() + s.size();
        }
        this.byName = Collections.unmodifiableMap(m);
        this.size = total;
    }

    /** GPT-2's tensors in Hugging Face order and naming (Conv1D weights stored {@code [in, out]}). */
    public static ParameterLayout gpt2(GptConfig c) {
        long total = 0;
        List<TensorSpec> specs = new ArrayList<>();
        int d = c.nEmbd();
        Object[][] plan = {{"wte.weight", new int[]{c.vocabSize(), d}}, {"wpe.weight", new int[]{c.nPositions(), d}}};
        List<Object[]> all = new ArrayList<>(List.of(plan));
        for (int l = 0; l < c.nLayer(); l++) {
            String p = "h." + l + ".";
            all.add(new Object[]{p + "ln_1.weight", new int[]{d}});
            all.add(new Object[]{p + "ln_1.bias", new int[]{d}});
            all.add(new Object[]{p + "attn.c_attn.weight", new int[]{d, 3 * d}});
            all.add(new Object[]{p + "attn.c_attn.bias", new int[]{3 * d}});
            all.add(new Object[]{p + "attn.c_proj.weight", new int[]{d, d}});
            all.add(new Object[]{p + "attn.c_proj.bias", new int[]{d}});
            all.add(new Object[]{p + "ln_2.weight", new int[]{d}});
            all.add(new Object[]{p + "ln_2.bias", new int[]{d}});
            all.add(new Object[]{p + "mlp.c_fc.weight", new int[]{d, 4 * d}});
            all.add(new Object[]{p + "mlp.c_fc.bias", new int[]{4 * d}});
            all.add(new Object[]{p + "mlp.c_proj.weight", new int[]{4 * d, d}});
            all.add(new Object[]{p + "mlp.c_proj.bias", new int[]{d}});
        }
        all.add(new Object[]{"ln_f.weight", new int[]{d}});
        all.add(new Object[]{"ln_f.bias", new int[]{d}});
        for (Object[] e : all) {
            int[] shape = (int[]) e[1];
            long n = 1;
            for (int x : shape) {
                n *= x;
            }
            if (total + n > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("config: " + (total + n) + "+ parameters exceed one Java array");
            }
            specs.add(new TensorSpec((String) e[0], shape, (int) total));
            total += n;
        }
        return new ParameterLayout(specs);
    }

    /** Tensors in layout order. */
    public List<TensorSpec> tensors() {
        return specs;
    }

    /** Total number of floats. */
    public int size() {
        return size;
    }

    /** Whether a tensor of this name exists. */
    public boolean contains(String name) {
        return byName.containsKey(name);
    }

    /** Looks a tensor up by name. */
    public TensorSpec spec(String name) {
        TensorSpec s = byName.get(name);
        if (s == null) {
            throw new IllegalArgumentException(name + ": no such tensor in the layout");
        }
        return s;
    }

    /** Offset of a named tensor. */
    public int offset(String name) {
        return spec(name).offset();
    }
}
