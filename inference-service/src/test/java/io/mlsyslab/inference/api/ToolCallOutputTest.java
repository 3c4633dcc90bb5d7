package io.mlsyslab.inference.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Generated text read as OpenAI's assistant message, whole and streamed piece by piece. */
class ToolCallOutputTest {
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String TOOLS = "{\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}]%s}";

    static ToolCalling tools(String choice) {
        return ToolCalling.read(JSON.readTree(TOOLS.formatted(choice == null ? "" : ",\"tool_choice\":" + choice)));
    }

    @Test
    void aRequiredCallIsTheWholeText() {
        ToolCallOutput.Message m = ToolCallOutput.read(tools("\"required\""), "{\"name\": \"f\", \"arguments\": {\"x\": [1, 2]}}");
        assertThat(m.content()).isNull();
        assertThat(m.finishReason("stop")).isEqualTo("tool_calls");
        Map<String, Object> call = m.call();
        assertThat((String) call.get("id")).matches("call_[A-Za-z0-9]{24}");
        @SuppressWarnings("unchecked")
        Map<String, Object> fn = (Map<String, Object>) call.get("function");
        assertThat(fn.get("name")).isEqualTo("f");
        assertThat(JSON.readTree((String) fn.get("arguments"))).isEqualTo(JSON.readTree("{\"x\":[1,2]}"));
    }

    @Test
    void aCutOffCallStaysContentWithItsFinishReason() {
        ToolCallOutput.Message m = ToolCallOutput.read(tools("\"required\""), "{\"name\": \"f\", \"argu");
        assertThat(m.call()).isNull();
        assertThat(m.content()).isEqualTo("{\"name\": \"f\", \"argu");
        assertThat(m.finishReason("length")).isEqualTo("length");
    }

    @Test
    void autoSplitsContentBeforeTheMarkerFromTheCall() {
        ToolCallOutput.Message m = ToolCallOutput.read(tools(null), "Let me check. <tool_call>{\"name\":\"f\","
                + "\"arguments\":{}}");
        assertThat(m.content()).isEqualTo("Let me check. ");
        assertThat(m.call()).isNotNull();
        ToolCallOutput.Message text = ToolCallOutput.read(tools(null), "No call <tool here");
        assertThat(text.call()).isNull();
        assertThat(text.content()).isEqualTo("No call <tool here");
    }

    @Test
    void streamingHoldsBackWhatMayBeTheMarkerAndSendsEveryOtherCharacterOnce() {
        for (String text : List.of("Hi <to", "Hi <tool_call>{\"name\":\"f\",\"arguments\":{}}", "a<b<<tool>x",
                "<tool_call>{\"name\":\"f\",\"arguments\":{\"k\":\"<\"}}", "plain text")) {
            for (int piece = 1; piece <= 4; piece++) {
                ToolCallOutput out = new ToolCallOutput(tools("\"auto\""));
                StringBuilder sent = new StringBuilder();
                for (int i = 0; i < text.length(); i += piece) {
                    String chunk = out.content(text.substring(i, Math.min(text.length(), i + piece)));
                    assertThat(sent + chunk).as("no marker prefix leaks: " + text).doesNotContain("<tool_call>");
                    sent.append(chunk);
                }
                ToolCallOutput.Message m = out.finish();
                if (m.content() != null) {
                    sent.append(m.content());
                }
                ToolCallOutput.Message whole = ToolCallOutput.read(tools("\"auto\""), text);
                String expected = whole.content() == null ? "" : whole.content();
                assertThat(sent.toString()).as(text + " in pieces of " + piece).isEqualTo(expected);
                assertThat(m.call() != null).isEqualTo(whole.call() != null);
            }
        }
    }

    @Test
    void chatTemplateRendersToolsCallsAndToolTurns() {
        JsonNode messages = JSON.readTree("""
                [{"role":"system","content":"Be brief."},{"role":"user","content":"Add 1 and 2"},
                 {"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",
                   "function":{"name":"f","arguments":"{\\"a\\": 1}"}}]},
                 {"role":"tool","tool_call_id":"call_1","content":"3"}]""");
        String prompt = ChatTemplate.render(messages, tools("\"required\""));
        assertThat(prompt).startsWith("Be brief.\n\nTools: to call one, answer <tool_call>");
        assertThat(prompt).contains("{\"name\":\"f\",\"parameters\":{\"type\":\"object\"");
        assertThat(prompt).contains("User: Add 1 and 2\nAssistant: <tool_call>{\"name\":\"f\",\"arguments\":{\"a\": 1}}"
                + "</tool_call>\nTool: 3\n");
        assertThat(prompt).endsWith("Assistant: <tool_call>");
        assertThat(ChatTemplate.render(messages, tools("\"none\""))).doesNotContain("Tools:").endsWith("Assistant:");
        assertThat(ChatTemplate.render(messages, null)).isEqualTo(ChatTemplate.render(messages, tools("\"none\"")));
    }
}
