package io.mlsyslab.platform.runs;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlsyslab.platform.test.ClientErrorAnswers;
import io.mlsyslab.platform.test.HostileInputs;
import io.mlsyslab.platform.test.HttpJson;
import io.mlsyslab.platform.test.PostgresIntegrationTest;
import io.mlsyslab.platform.testapp.TestApplication;
import java.net.http.HttpRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * A few thousand generated hostile requests against the runs API (seeded, so a failure names its seed and request):
 * never a 5xx, every client mistake a problem naming its field with no internals, and a refused request stores
 * nothing.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestPropertySource(locations = "classpath:platform-test.properties")
class HostileRunsApiIT extends PostgresIntegrationTest {

    private static final String API = "/api/platformtest";
    private static final long SEED = 20_261_208L;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void generatedHostileRequestsAreAnsweredAsClientErrorsAndRefusalsStoreNothing() {
        HttpJson http = new HttpJson("http://localhost:" + port);
        HostileInputs inputs = new HostileInputs(SEED);
        long before = runCount();
        int accepted = 0;
        for (int i = 0; i < 1_200; i++) {
            String body = hostileCreate(inputs);
            HttpJson.Response answer = http.post(API + "/runs", body);
            ClientErrorAnswers.check("#" + i + " POST runs " + body, answer);
            accepted += answer.status() == 202 ? 1 : 0;
        }
        assertThat(runCount()).as("runs stored: only the accepted ones").isEqualTo(before + accepted);

        String existing = http.post(API + "/runs", "{\"kind\":\"countdown\",\"params\":{\"steps\":1,\"stepMillis\":0}}")
                .json().path("id").asString();
        List<String> ids = List.of(existing, UUID.randomUUID().toString(), "not-a-uuid", "00000000-0000-0000-0000-0");
        List<String> listParams = List.of("kind", "status", "tag", "pageSize", "pageToken", "limit", "x");
        for (int i = 0; i < 1_300; i++) {
            String target = switch (inputs.nextInt(5)) {
                case 0, 1 -> API + "/runs?" + inputs.pick(listParams) + "=" + inputs.queryValue()
                        + (inputs.nextInt(2) == 0 ? "&tag=" + inputs.queryValue() : "");
                case 2 -> API + "/runs/" + inputs.pick(ids) + "/metrics?limit=" + inputs.queryValue() + "&name="
                        + inputs.queryValue();
                case 3 -> API + "/runs/" + inputs.pick(ids) + "/artifacts/" + inputs.queryValue();
                default -> API + "/runs/" + inputs.queryValue();
            };
            ClientErrorAnswers.check("#" + i + " GET " + target, http.get(target));
        }
        HttpJson.Response cancel = http.send("POST", API + "/runs/" + inputs.queryValue() + "/cancel",
                HttpRequest.BodyPublishers.noBody());
        ClientErrorAnswers.check("POST cancel", cancel);
    }

    /** A create-run body with one hostile value at the top level or in the params. */
    private static String hostileCreate(HostileInputs inputs) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("steps", "1");
        params.put("stepMillis", "0");
        Map<String, String> request = new LinkedHashMap<>();
        request.put("kind", inputs.nextInt(4) == 0 ? "\"echo\"" : "\"countdown\"");
        request.put("params", inputs.nextInt(2) == 0 ? inputs.mutate(params) : HostileInputs.object(params));
        request.put("tags", "{\"hostile\":\"1\"}");
        return inputs.nextInt(3) == 0 ? inputs.mutate(request) : HostileInputs.object(request);
    }

    private long runCount() {
        return jdbc.sql("select count(*) from runs").query(Long.class).single();
    }
}
