package io.mlsyslab.inference.api;

import io.mlsyslab.contract.FieldError;
import io.mlsyslab.contract.FieldErrorException;
import io.mlsyslab.inference.engine.AdmissionRefusedException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Errors of the OpenAI-compatible endpoints: a problem+json body that also carries OpenAI's {@code error} object,
 * so both RFC 9457 clients and the OpenAI SDKs read it. Client mistakes are 400 (404 for an unknown model), a full
 * engine is 429 with {@code Retry-After} (never 503, which would open the gateway's breaker).
 */
@RestControllerAdvice(assignableTypes = {OpenAiController.class, TokenizeController.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
public class OpenAiErrorAdvice {

    @ExceptionHandler(OpenAiException.class)
    public ResponseEntity<ProblemDetail> openAi(OpenAiException e, HttpServletRequest request) {
        return respond(e, request);
    }

    @ExceptionHandler(AdmissionRefusedException.class)
    public ResponseEntity<ProblemDetail> refused(AdmissionRefusedException e, HttpServletRequest request) {
        return respond(OpenAiException.overloaded(e.getMessage(), e.retryAfterSeconds()), request);
    }

    /** A typed field error: its first field is OpenAI's {@code param}. */
    @ExceptionHandler(FieldErrorException.class)
    public ResponseEntity<ProblemDetail> field(FieldErrorException e, HttpServletRequest request) {
        FieldError first = e.errors().getFirst();
        return respond(OpenAiException.invalid(first.field(), first.message()), request);
    }

    @ExceptionHandler(IllegalArgumentException.class)
    public ResponseEntity<ProblemDetail> invalid(IllegalArgumentException e, HttpServletRequest request) {
        String msg = e.getMessage() == null ? "invalid request" : e.getMessage();
        int colon = msg.indexOf(": ");
        String param = colon > 0 && msg.substring(0, colon).matches("[A-Za-z0-9_.\\[\\]]+") ? msg.substring(0, colon)
                : null;
        return respond(OpenAiException.invalid(param, msg), request);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    public ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        return respond(OpenAiException.invalid(null, "request body is not valid JSON"), request);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    public ResponseEntity<ProblemDetail> mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
        return respond(new OpenAiException(415, "invalid_request_error", null, null,
                "Content-Type must be application/json", null), request);
    }

    static ResponseEntity<ProblemDetail> respond(OpenAiException e, HttpServletRequest request) {
        HttpStatus status = HttpStatus.valueOf(e.status());
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, e.getMessage());
        p.setTitle(status.getReasonPhrase());
        p.setInstance(URI.create(request.getRequestURI()));
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", e.getMessage());
        error.put("type", e.type());
        error.put("param", e.param());
        error.put("code", e.code());
        p.setProperty("error", error);
        if (e.param() != null) {
            p.setProperty("errors", java.util.List.of(Map.of("field", e.param(), "message", e.getMessage())));
        }
        String requestId = MDC.get(io.mlsyslab.platform.web.RequestIdFilter.MDC_KEY);
        if (requestId != null) {
            p.setProperty("requestId", requestId);
        }
        ResponseEntity.BodyBuilder b = ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (e.retryAfterSeconds() != null) {
            b.header(HttpHeaders.RETRY_AFTER, Integer.toString(e.retryAfterSeconds()));
        }
        return b.body(p);
    }
}
