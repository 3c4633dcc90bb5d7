package io.mlsyslab.gateway.errors;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** The RFC 9457 document of every error the gateway answers itself, wherever in the stack the answer is written. */
final class ProblemBody {

    private ProblemBody() {
    }

    /**
     * @param instance  the request path, or null where the request could not be parsed far enough to have one
     * @param requestId the exchange's id, or null if it has none
     */
    static Map<String, Object> of(int status, String detail, String instance, String requestId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", HttpStatus.valueOf(status).getReasonPhrase());
        body.put("status", status);
        body.put("detail", detail);
        if (instance != null) {
            body.put("instance", instance);
        }
        if (requestId != null) {
            body.put("requestId", requestId);
        }
        return body;
    }
}
