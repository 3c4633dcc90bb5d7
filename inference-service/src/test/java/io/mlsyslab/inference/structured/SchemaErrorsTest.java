package io.mlsyslab.inference.structured;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlsyslab.contract.FieldError;
import io.mlsyslab.contract.FieldErrorException;
import io.mlsyslab.nn.tokenizer.CharTokenizer;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Unsupported or unsatisfiable schemas are a 400 naming the offending keyword's path. */
class SchemaErrorsTest {
    static final String P = "response_format.json_schema.schema";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"type\":\"object\",\"properties\":{\"age\":{\"type\":\"string\",\"format\":\"email\"}}}"
                    + "|properties.age.format",
            "{\"type\":\"object\",\"patternProperties\":{\"^a\":{}}}|patternProperties",
            "{\"not\":{\"type\":\"string\"}}|not",
            "{\"if\":{},\"then\":{}}|if",
            "{\"allOf\":[{}]}|allOf",
            "{\"type\":\"array\",\"uniqueItems\":true}|uniqueItems",
            "{\"type\":\"array\",\"items\":[{}]}|items",
            "{\"type\":\"number\",\"multipleOf\":2}|multipleOf",
            "{\"type\":\"string\",\"pattern\":\"(a)\\\\1\"}|pattern",
            "{\"type\":\"string\",\"pattern\":\"(?=a)\"}|pattern",
            "{\"type\":\"string\",\"pattern\":\"a^b\"}|pattern",
            "{\"$defs\":{\"n\":{\"type\":\"object\",\"properties\":{\"next\":{\"$ref\":\"#/$defs/n\"}}}},"
                    + "\"$ref\":\"#/$defs/n\"}|$defs.n.properties.next.$ref",
            "{\"$ref\":\"https://example.com/s.json\"}|$ref",
            "{\"type\":\"integer\",\"minimum\":5,\"maximum\":3}|maximum",
            "{\"type\":\"string\",\"minLength\":5,\"maxLength\":3}|maxLength",
            "{\"oneOf\":[{\"type\":\"integer\"},{\"type\":\"number\"}]}|oneOf.1",
            "{\"type\":\"string\",\"enum\":[1,2]}|enum",
            "{\"type\":\"object\",\"minProperties\":1}|minProperties",
            "{\"type\":\"teapot\"}|type",
    })
    void unsupportedKeywordsAreA400NamingThePath(String schema, String path) {
        assertThatThrownBy(() -> ByteLevel.schema(schema))
                .isInstanceOfSatisfying(FieldErrorException.class, e -> {
                    org.assertj.core.api.Assertions.assertThat(e.reason()).isEqualTo(FieldErrorException.Reason.INVALID);
                    org.assertj.core.api.Assertions.assertThat(e.errors()).extracting(FieldError::field)
                            .containsExactly(P + "." + path);
                });
    }

    @Test
    void supportedAnnotationsAndDisjointOneOfCompile() {
        ByteLevel.schema("{\"title\":\"t\",\"description\":\"d\",\"$schema\":\"https://json-schema.org/draft/2020-12/schema\","
                + "\"oneOf\":[{\"type\":\"string\",\"examples\":[\"a\"]},{\"type\":\"integer\",\"default\":1}]}");
    }

    @Test
    void aVocabularyThatCannotWriteTheSchemaIsA400OnResponseFormat() {
        var chars = CharTokenizer.fromCorpus("{\"abc:,0123456789");
        TokenVocabulary v = TokenVocabulary.of(chars, -1);
        assertThatThrownBy(() -> StructuredOutput.jsonSchema(ByteLevel.json("{\"type\":\"object\"}"), v, P))
                .isInstanceOf(FieldErrorException.class)
                .extracting(e -> ((FieldErrorException) e).errors(), InstanceOfAssertFactories.list(FieldError.class))
                .extracting(FieldError::field).containsExactly(P);
        assertThatThrownBy(() -> StructuredOutput.anyJsonObject(v)).hasMessageContaining("0x7d");
    }
}
