package io.mlsyslab.platform.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's error page for what the container refuses before any servlet runs (an encoded slash or NUL in the path,
 * bytes that are not UTF-8, a malformed escape), as RFC 9457 problem+json instead of Tomcat's HTML page. Errors the
 * application answered itself are left alone.
 */
public final class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        // the same guard as Tomcat's own valve: only unanswered errors, reported once
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        // the container decodes only the path before any servlet runs (query strings are decoded later, and an
        // undecodable one is answered by ProblemHandler), so a 400 here is the path's
        String pathMessage = "holds an encoded slash, a NUL, bytes that are not UTF-8 or a malformed escape";
        String detail = status == 400 ? "The request could not be read: its path " + pathMessage + "." : title + ".";
        String errors = status == 400 ? ",\"errors\":[{\"field\":\"path\",\"message\":\"" + pathMessage + "\"}]" : "";
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                        + ",\"detail\":\"" + detail + "\"" + errors + "}");
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response was committed meanwhile: nothing more to say
        }
    }
}
