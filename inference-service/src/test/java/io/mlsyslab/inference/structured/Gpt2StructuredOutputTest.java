package io.mlsyslab.inference.structured;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlsyslab.inference.engine.TokenConstraint;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Constrained sampling with a random-weight GPT-2 over the real 50,257-token vocabulary: every completion parses
 * and validates (networknt's validator, independent of this code) within max_tokens, and greedy decoding with a
 * constraint the output already satisfies is unchanged.
 */
class Gpt2StructuredOutputTest {
    static final List<String> SCHEMAS = List.of(
            // objects: required, optional, additionalProperties false, nested arrays, integer bounds
            """
            {"type":"object","properties":{"name":{"type":"string","maxLength":20},
             "age":{"type":"integer","minimum":0,"maximum":150},
             "tags":{"type":"array","items":{"type":"string","maxLength":8},"maxItems":3},
             "verified":{"type":"boolean"}},
             "required":["name","age"],"additionalProperties":false}""",
            // enum, const, null, type arrays, numbers with fractional and exclusive bounds
            """
            {"type":"object","properties":{"color":{"enum":["red","green","blue"]},"v":{"const":2},
             "note":{"type":["string","null"],"maxLength":12},
             "score":{"type":"number","exclusiveMinimum":-1.5,"maximum":99.25},
             "nothing":{"type":"null"}},
             "required":["color","v","note","score"],"additionalProperties":false}""",
            // strings: minLength, pattern (anchored and search), unicode allowed
            """
            {"type":"object","properties":{"code":{"type":"string","pattern":"^[A-Z]{3}-\\\\d{2,4}$"},
             "email":{"type":"string","pattern":"@[a-z]+\\\\.(com|org)"},
             "word":{"type":"string","minLength":3,"maxLength":6}},
             "required":["code","email","word"],"additionalProperties":false}""",
            // anyOf and $ref to $defs / definitions
            """
            {"$defs":{"point":{"type":"object","properties":{"x":{"type":"integer"},"y":{"type":"integer"}},
              "required":["x","y"],"additionalProperties":false}},
             "definitions":{"label":{"type":"string","maxLength":10}},
             "type":"object","properties":{"shape":{"anyOf":[{"$ref":"#/$defs/point"},{"$ref":"#/definitions/label"},
              {"type":"array","items":{"$ref":"#/$defs/point"},"minItems":1,"maxItems":2}]}},
             "required":["shape"],"additionalProperties":false}""",
            // arrays with minItems/maxItems at the root, oneOf with disjoint types
            """
            {"type":"array","minItems":2,"maxItems":4,"items":{"oneOf":[{"type":"integer","minimum":10},
             {"type":"boolean"}]}}""",
            // untyped object (additional properties of any JSON value) and json_object-like freedom
            """
            {"type":"object","title":"free","description":"anything","properties":{},"additionalProperties":true}""");

    @Test
    void twoHundredSampledCompletionsParseAndValidate() throws Exception {
        Gpt2Fixture g = Gpt2Fixture.get();
        int[] prompt = g.tokenizer.encode("Answer in JSON:");
        SplittableRandom random = new SplittableRandom(2024);
        Set<String> distinct = new HashSet<>();
        int[] maxTokens = {48, 64, 96, 128, 160};
        for (int i = 0; i < 200; i++) {
            String schema = SCHEMAS.get(i % SCHEMAS.size());
            TokenConstraint c = StructuredOutput.jsonSchema(ByteLevel.json(schema), g.vocab, "s").create();
            int max = maxTokens[(i / SCHEMAS.size()) % maxTokens.length];
            Gpt2Fixture.Completion out = g.generate(prompt, max, c, 1.0, random, null);
            assertThat(out.tokens()).hasSizeLessThanOrEqualTo(max);
            assertThat(Validation.errors(schema, out.text())).as("completion %d (%d tokens max): %s", i, max,
                    out.text()).isEmpty();
            distinct.add(out.text());
        }
        assertThat(distinct).as("outputs differ").hasSizeGreaterThan(190);
    }

    @Test
    void jsonObjectSamplesAreObjects() throws Exception {
        Gpt2Fixture g = Gpt2Fixture.get();
        SplittableRandom random = new SplittableRandom(5);
        TokenConstraint.Factory f = StructuredOutput.anyJsonObject(g.vocab);
        for (int i = 0; i < 20; i++) {
            Gpt2Fixture.Completion out = g.generate(g.tokenizer.encode("{"), 64, f.create(), 1.0, random, null);
            assertThat(ByteLevel.json(out.text()).isObject()).as(out.text()).isTrue();
        }
    }

    @Test
    void greedyUnderASatisfiedConstraintEqualsUnconstrainedGreedy() throws Exception {
        Gpt2Fixture g = Gpt2Fixture.get();
        String target = "{\"name\": \"Ann\", \"age\": 31, \"tags\": [\"x\", \"日本\"]}";
        int[] ids = g.tokenizer.encode(target);
        // a model biased to write the target then end: the bias dominates the random logits at every step
        java.util.function.IntFunction<float[]> bias = step -> {
            float[] b = new float[50257];
            b[step < ids.length ? ids[step] : Gpt2Fixture.EOS] = 50f;
            return b;
        };
        int[] prompt = g.tokenizer.encode("JSON:");
        Gpt2Fixture.Completion free = g.generate(prompt, 40, null, 0, null, bias);
        assertThat(free.text()).isEqualTo(target);
        String schema = SCHEMAS.getFirst();
        for (TokenConstraint c : List.of(StructuredOutput.anyJsonObject(g.vocab).create(),
                StructuredOutput.jsonSchema(ByteLevel.json(schema), g.vocab, "s").create())) {
            Gpt2Fixture.Completion constrained = g.generate(prompt, 40, c, 0, null, bias);
            assertThat(constrained.tokens()).isEqualTo(free.tokens().subList(0, constrained.tokens().size()));
            assertThat(constrained.text()).isEqualTo(target);
            assertThat(constrained.complete()).isTrue();
        }
    }

    @Test
    void theMaskKeepsTheArgmaxWheneverItIsAllowedAndCachesStructuralStates() throws Exception {
        Gpt2Fixture g = Gpt2Fixture.get();
        SplittableRandom random = new SplittableRandom(9);
        String schema = SCHEMAS.get(1);
        CompiledSchema compiled = StructuredOutput.compiled(ByteLevel.json(schema), g.vocab, "s");
        for (int i = 0; i < 10; i++) {
            TokenConstraint c = StructuredOutput.jsonSchema(ByteLevel.json(schema), g.vocab, "s").create();
            for (int step = 0; step < 60 && !c.complete(); step++) {
                float[] logits = new float[50257];
                for (int k = 0; k < logits.length; k++) {
                    logits[k] = (float) random.nextGaussian();
                }
                int argmax = Gpt2Fixture.argmax(logits);
                float[] masked = logits.clone();
                c.mask(masked, 0, masked.length, 60 - step);
                if (masked[argmax] != Float.NEGATIVE_INFINITY) {
                    assertThat(Gpt2Fixture.argmax(masked)).isEqualTo(argmax);
                }
                for (int k = 0; k < logits.length; k++) {
                    assertThat(masked[k] == logits[k] || masked[k] == Float.NEGATIVE_INFINITY).isTrue();
                }
                int t = Gpt2Fixture.sample(masked, 1.0, random);
                c.accept(t);
                if (t == Gpt2Fixture.EOS) {
                    break;
                }
            }
        }
        assertThat(compiled.cachedStates()).isPositive();
        assertThat(StructuredOutput.compiled(ByteLevel.json(schema), g.vocab, "s")).isSameAs(compiled);
    }
}
