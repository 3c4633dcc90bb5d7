package io.mlsyslab.inference.structured;

import static io.mlsyslab.inference.structured.ByteLevel.accepts;
import static io.mlsyslab.inference.structured.ByteLevel.prefix;
import static io.mlsyslab.inference.structured.ByteLevel.schema;
import static org.assertj.core.api.Assertions.assertThat;

import io.mlsyslab.inference.engine.TokenConstraint;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The byte-level automaton, feature by feature, over a one-byte-per-token vocabulary. */
class AutomatonTest {
    static final String PERSON = """
            {"type":"object","properties":{"name":{"type":"string"},"age":{"type":"integer"},
             "tags":{"type":"array","items":{"type":"string"}}},"required":["name","age"],"additionalProperties":false}""";

    @Test
    void objectsFollowDeclaredOrderWithOptionalPropertiesAndOneSpace() {
        assertThat(accepts(PERSON, "{\"name\":\"Ann\",\"age\":31}")).isTrue();
        assertThat(accepts(PERSON, "{\"name\": \"Ann\", \"age\": 31, \"tags\": [\"a\", \"b\"]}")).isTrue();
        assertThat(accepts(PERSON, "{\"age\":31,\"name\":\"Ann\"}")).as("declared order").isFalse();
        assertThat(accepts(PERSON, "{\"name\":\"Ann\"}")).as("required age").isFalse();
        assertThat(accepts(PERSON, "{\"name\":\"Ann\",\"age\":31,\"x\":1}")).as("no extra keys").isFalse();
        assertThat(accepts(PERSON, "{\"name\":  \"Ann\",\"age\":31}")).as("one space at most").isFalse();
        assertThat(accepts(PERSON, "{ \"name\":\"Ann\",\"age\":31}")).as("no space after {").isFalse();
        assertThat(accepts(PERSON, "{\"name\":\"Ann\",\"age\":31}x")).isFalse();
    }

    @Test
    void jsonObjectAcceptsAnyObjectAndNothingElse() {
        TokenConstraint.Factory f = StructuredOutput.anyJsonObject(ByteLevel.VOCAB);
        assertThat(ByteLevel.allowsPrefix(f.create(), "{\"a\": [1, -2.5e+3, true, null, {\"b\": \"\\u00e9\"}], \"\": {}}",
                1000)).isTrue();
        assertThat(ByteLevel.allowsPrefix(f.create(), "[1]", 1000)).isFalse();
        TokenConstraint c = f.create();
        ByteLevel.allowsPrefix(c, "{}", 1000);
        assertThat(c.complete()).isTrue();
    }

    @Test
    void arraysCountItems() {
        String s = "{\"type\":\"array\",\"items\":{\"type\":\"integer\"},\"minItems\":2,\"maxItems\":3}";
        assertThat(accepts(s, "[1,2]")).isTrue();
        assertThat(accepts(s, "[1, 2, 3]")).isTrue();
        assertThat(accepts(s, "[1]")).isFalse();
        assertThat(accepts(s, "[1,2,3,4]")).isFalse();
        assertThat(accepts(s, "[]")).isFalse();
    }

    @Test
    void enumsConstsBooleansNullAndTypeArrays() {
        String e = "{\"enum\":[\"red\",\"green\",3,null,{\"a\":[1]}]}";
        assertThat(accepts(e, "\"red\"")).isTrue();
        assertThat(accepts(e, "3")).isTrue();
        assertThat(accepts(e, "{\"a\":[1]}")).isTrue();
        assertThat(accepts(e, "\"re\"")).isFalse();
        assertThat(accepts(e, "33")).isFalse();
        assertThat(accepts("{\"const\":\"x\"}", "\"x\"")).isTrue();
        assertThat(accepts("{\"type\":\"boolean\"}", "false")).isTrue();
        assertThat(accepts("{\"type\":[\"string\",\"null\"],\"maxLength\":2}", "null")).isTrue();
        assertThat(accepts("{\"type\":[\"string\",\"null\"],\"maxLength\":2}", "\"abc\"")).isFalse();
    }

    @Test
    void integerBoundsAreCheckedDigitByDigit() {
        String s = "{\"type\":\"integer\",\"minimum\":18,\"maximum\":120}";
        assertThat(accepts(s, "18")).isTrue();
        assertThat(accepts(s, "120")).isTrue();
        assertThat(accepts(s, "17")).isFalse();
        assertThat(prefix(s, "1")).as("1 may become 18..19 or 100..120").isTrue();
        assertThat(prefix(s, "13")).as("13x would exceed 120").isFalse();
        assertThat(prefix(s, "-")).isFalse();
        assertThat(prefix(s, "0")).isFalse();
        assertThat(accepts("{\"type\":\"integer\",\"exclusiveMinimum\":-3,\"exclusiveMaximum\":0}", "-2")).isTrue();
        assertThat(accepts("{\"type\":\"integer\",\"exclusiveMinimum\":-3,\"exclusiveMaximum\":0}", "-3")).isFalse();
        assertThat(accepts("{\"type\":\"integer\",\"exclusiveMinimum\":-3,\"exclusiveMaximum\":0}", "0")).isFalse();
        assertThat(accepts("{\"type\":\"integer\"}", "01")).as("no leading zeros").isFalse();
        assertThat(accepts("{\"type\":\"integer\"}", "1.0")).isFalse();
    }

    @Test
    void numberBoundsIncludeFractions() {
        String s = "{\"type\":\"number\",\"minimum\":0.5,\"exclusiveMaximum\":1}";
        assertThat(accepts(s, "0.5")).isTrue();
        assertThat(accepts(s, "0.999")).isTrue();
        assertThat(accepts(s, "0.49")).isFalse();
        assertThat(accepts(s, "1")).isFalse();
        assertThat(prefix(s, "0.4")).isFalse();
        assertThat(prefix(s, "1")).as("1.x is at least 1").isFalse();
        assertThat(prefix(s, "0.5e")).as("no exponent with bounds").isFalse();
        assertThat(accepts("{\"type\":\"number\"}", "-0.25E-7")).isTrue();
    }

    @Test
    void stringLengthCountsCodePointsAndEscapes() {
        String s = "{\"type\":\"string\",\"minLength\":2,\"maxLength\":3}";
        assertThat(accepts(s, "\"ab\"")).isTrue();
        assertThat(accepts(s, "\"日本語\"")).as("three code points, nine bytes").isTrue();
        assertThat(accepts(s, "\"😀\\n\"")).isTrue();
        assertThat(accepts(s, "\"a\"")).isFalse();
        assertThat(accepts(s, "\"abcd\"")).isFalse();
        assertThat(accepts(s, "\"\\u00e9\\t\"")).isTrue();
    }

    @Test
    void stringsMustBeValidUtf8AndEscapesValid() {
        String s = "{\"type\":\"string\"}";
        assertThat(accepts(s, "\"naïve ☃ 😀\"")).isTrue();
        TokenConstraint c = schema(s).create();
        assertThat(ByteLevel.allowsPrefix(c, "\"", 100)).isTrue();
        float[] logits = new float[257];
        c.mask(logits, 0, 257, 100);
        assertThat(logits[0x80]).as("lone continuation byte").isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(logits[0xC0]).as("overlong lead").isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(logits[0xF5]).isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(logits['\n']).as("raw control").isEqualTo(Float.NEGATIVE_INFINITY);
        c.accept(0xED);
        logits = new float[257];
        c.mask(logits, 0, 257, 100);
        assertThat(logits[0xA0]).as("ED A0 would be a surrogate").isEqualTo(Float.NEGATIVE_INFINITY);
        assertThat(logits[0x9F]).isZero();
        assertThat(accepts(s, "\"\\x\"")).isFalse();
        assertThat(accepts(s, "\"\\ud800\"")).as("lone surrogate escape").isFalse();
        assertThat(accepts(s, "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"")).isTrue();
    }

    @Test
    void patternsAreSearchesUnlessAnchored() {
        String anchored = "{\"type\":\"string\",\"pattern\":\"^[A-Z]{2}-\\\\d{3}$\"}";
        assertThat(accepts(anchored, "\"AB-123\"")).isTrue();
        assertThat(accepts(anchored, "\"AB-12\"")).isFalse();
        assertThat(prefix(anchored, "\"a")).isFalse();
        String search = "{\"type\":\"string\",\"pattern\":\"@(ex|example)\\\\.com\"}";
        assertThat(accepts(search, "\"mail me@example.com please\"")).isTrue();
        assertThat(accepts(search, "\"me@exa.com\"")).isFalse();
        String classes = "{\"type\":\"string\",\"pattern\":\"^(?:[^a-c\\\\s]+|x*)\\\\w?.$\"}";
        assertThat(accepts(classes, "\"dEf_!\"")).isTrue();
        assertThat(accepts(classes, "\"abc\"")).isFalse();
        String lenAndPattern = "{\"type\":\"string\",\"pattern\":\"^a+$\",\"minLength\":3,\"maxLength\":4}";
        assertThat(accepts(lenAndPattern, "\"aaa\"")).isTrue();
        assertThat(accepts(lenAndPattern, "\"aa\"")).isFalse();
        assertThat(prefix(lenAndPattern, "\"aaaaa")).isFalse();
        assertThat(prefix(anchored, "\"AB\\u002d1")).as("escapes are characters to the pattern").isTrue();
        assertThat(prefix(anchored, "\"AB\\u0041")).isFalse();
    }

    @Test
    void anyOfAndRefsTrackAlternativesInParallel() {
        String s = """
                {"$defs":{"point":{"type":"object","properties":{"x":{"type":"integer"},"y":{"type":"integer"}},
                 "required":["x","y"],"additionalProperties":false}},
                 "anyOf":[{"$ref":"#/$defs/point"},
                  {"type":"object","properties":{"x":{"type":"integer"},"label":{"type":"string"}},
                   "required":["x","label"],"additionalProperties":false}]}""";
        assertThat(accepts(s, "{\"x\":1,\"y\":2}")).isTrue();
        assertThat(accepts(s, "{\"x\":1,\"label\":\"p\"}")).isTrue();
        assertThat(accepts(s, "{\"x\":1}")).isFalse();
        assertThat(accepts(s, "{\"x\":1,\"y\":\"2\"}")).isFalse();
    }

    @Test
    void eosOnlyWhereTheOutputMayEndAndCompleteAfterTheRoot() {
        TokenConstraint c = schema("{\"type\":\"integer\"}").create();
        float[] logits = new float[257];
        c.mask(logits, 0, 257, 10);
        assertThat(logits[ByteLevel.EOS]).isEqualTo(Float.NEGATIVE_INFINITY);
        c.accept('4');
        logits = new float[257];
        c.mask(logits, 0, 257, 10);
        assertThat(logits[ByteLevel.EOS]).as("a root number may end").isZero();
        assertThat(c.complete()).as("but may also go on").isFalse();
        TokenConstraint o = schema(PERSON).create();
        ByteLevel.allowsPrefix(o, "{\"name\":\"\",\"age\":0}", 100);
        assertThat(o.complete()).isTrue();
        logits = new float[257];
        assertThat(o.mask(logits, 0, 257, 5)).as("only end-of-text after the root").isEqualTo(1);
    }

    @Test
    void everyBudgetFromTheMinimumUpClosesTheOutput() {
        String[] schemas = {PERSON,
                "{\"type\":\"array\",\"items\":{\"type\":\"number\",\"minimum\":-5,\"maximum\":1000.25},\"minItems\":2}",
                "{\"type\":\"string\",\"pattern\":\"^[a-z]+@[a-z]+\\\\.(com|org)$\",\"minLength\":8}",
                "{\"type\":\"object\",\"properties\":{\"v\":{\"enum\":[\"long-value\",\"s\"]},"
                        + "\"n\":{\"type\":\"integer\",\"minimum\":1000}},\"required\":[\"n\",\"v\"]}"};
        SplittableRandom random = new SplittableRandom(7);
        for (String s : schemas) {
            int minimal = StructuredOutput.compiled(ByteLevel.json(s), ByteLevel.VOCAB, "s").root.minBytes();
            for (int k = 0; k < 12; k++) {
                for (int rep = 0; rep < 5; rep++) {
                    String out = ByteLevel.sample(schema(s).create(), minimal + k, random);
                    assertThat(Validation.errors(s, out)).as("%s with %d tokens: %s", s, minimal + k, out).isEmpty();
                    assertThat(out.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThanOrEqualTo(
                            minimal + k);
                }
            }
        }
    }

    @Test
    void randomByteSamplesValidateAndDiffer() {
        SplittableRandom random = new SplittableRandom(11);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 40; i++) {
            String out = ByteLevel.sample(schema(PERSON).create(), 80, random);
            assertThat(Validation.errors(PERSON, out)).as(out).isEmpty();
            seen.add(out);
        }
        assertThat(seen.size()).isGreaterThan(30);
    }
}
