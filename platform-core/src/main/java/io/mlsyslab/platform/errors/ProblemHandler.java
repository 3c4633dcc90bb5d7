package io.mlsyslab.platform.errors;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingPathVariableException;
import org.springframework.web.bind.MissingRequestCookieException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;

/**
 * Renders every error of a service as RFC 9457 {@code application/problem+json}: Spring MVC's own exceptions
 * (404, 405, 415, ...), validation failures with the offending fields, {@link ProblemException}s from adapters,
 * {@link IllegalArgumentException}s from engines (422), oversized bodies (413); anything else is a logged 500 that
 * reveals no internals.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
    /** A restarted embedded PostgreSQL is back within seconds (the lab's supervisor restarts it after 1 s). */
    static final int DATABASE_RETRY_AFTER_SECONDS = 5;

    @ExceptionHandler(ProblemException.class)
    public ResponseEntity<ProblemDetail> problem(ProblemException e, HttpServletRequest request) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(e.status()), e.getMessage());
        body.setTitle(e.title());
        e.properties().forEach(body::setProperty);
        return respond(body, request);
    }

    /** Typed field errors from engines and params records: status and fields as thrown, no text parsed. */
    @ExceptionHandler(io.mlsyslab.contract.FieldErrorException.class)
    public ResponseEntity<ProblemDetail> fieldErrors(io.mlsyslab.contract.FieldErrorException e,
            HttpServletRequest request) {
        return problem(ProblemException.of(e), request);
    }

    /** Code not yet migrated to {@link io.mlsyslab.contract.FieldErrorException}: "field: message" text, 422. */
    @ExceptionHandler(IllegalArgumentException.class)
    public ResponseEntity<ProblemDetail> illegalArgument(IllegalArgumentException e, HttpServletRequest request) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, e.getMessage());
        body.setTitle("Unprocessable parameters");
        String message = e.getMessage() == null ? "" : e.getMessage();
        int colon = message.indexOf(':');
        if (colon > 0 && message.substring(0, colon).matches("[A-Za-z0-9_.\\[\\]-]+")) {
            body.setProperty("errors", List.of(Map.of("field", message.substring(0, colon),
                    "message", message.substring(colon + 1).trim())));
        }
        return respond(body, request);
    }

    /** A query string the container cannot decode (bytes that are not UTF-8, a malformed escape): the client's 400. */
    @ExceptionHandler(InvalidParameterException.class)
    public ResponseEntity<ProblemDetail> undecodableQuery(InvalidParameterException e, HttpServletRequest request) {
        return problem(ProblemException.badField("query", "the query string could not be decoded: use UTF-8 "
                + "with well-formed %XX escapes"), request);
    }

    /** A multipart body the container cannot parse (no boundary, truncated parts): the client's 400. */
    @ExceptionHandler(MultipartException.class)
    public ResponseEntity<ProblemDetail> unreadableMultipart(MultipartException e, HttpServletRequest request) {
        return problem(ProblemException.badField("body", "the multipart/form-data body could not be read: it needs "
                + "the boundary of its Content-Type and well-formed parts"), request);
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    public ResponseEntity<ProblemDetail> tooLarge(PayloadTooLargeException e, HttpServletRequest request) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, e.getMessage());
        body.setTitle("Request too large");
        return respond(body, request);
    }

    /**
     * The database cannot be reached (down, restarting, pool exhausted): a 503 with {@code Retry-After}, as the
     * client can succeed by retrying and nothing it sent was wrong. Never a 500.
     */
    @ExceptionHandler({DataAccessResourceFailureException.class, CannotCreateTransactionException.class,
            TransientDataAccessResourceException.class})
    public ResponseEntity<ProblemDetail> databaseUnavailable(Exception e, HttpServletRequest request) {
        log.warn("database unavailable on {} {}: {}", request.getMethod(), request.getRequestURI(),
                e.getClass().getSimpleName());
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The service's database is unavailable; retry shortly.");
        body.setTitle("Database unavailable");
        decorate(body, request);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER,
                Integer.toString(DATABASE_RETRY_AFTER_SECONDS)).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(body);
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) throws Exception {
        if (e instanceof org.springframework.web.ErrorResponse
                || e instanceof org.springframework.web.context.request.async.AsyncRequestNotUsableException) {
            throw e;
        }
        log.error("unhandled error on {} {}", request.getMethod(), request.getRequestURI(), e);
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The service failed to handle this request; the error is logged under this request id.");
        body.setTitle("Internal error");
        return respond(body, request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Map<String, String> fields = new TreeMap<>();
        for (FieldError error : e.getBindingResult().getFieldErrors()) {
            fields.merge(error.getField(), String.valueOf(error.getDefaultMessage()), (a, b) -> a + "; " + b);
        }
        e.getBindingResult().getGlobalErrors().forEach(error -> fields.put(error.getObjectName(),
                String.valueOf(error.getDefaultMessage())));
        return fieldProblem(ProblemException.badFields(fields), request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Map<String, String> fields = new TreeMap<>();
        e.getParameterValidationResults().forEach(result -> {
            String name = result.getMethodParameter().getParameterName();
            result.getResolvableErrors().forEach(error -> fields.merge(String.valueOf(name),
                    String.valueOf(error.getDefaultMessage()), (a, b) -> a + "; " + b));
        });
        return fieldProblem(ProblemException.badFields(fields), request);
    }

    /** A path variable that is blank once decoded ({@code /runs/%09}): the client's 400 naming it. */
    @Override
    protected ResponseEntity<Object> handleMissingPathVariable(MissingPathVariableException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        if (!e.isMissingAfterConversion()) {
            // a mapping without the variable its handler needs: the service's bug, not the client's
            return super.handleMissingPathVariable(e, headers, status, request);
        }
        return fieldProblem(ProblemException.badField(e.getVariableName(), "is required"), request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return fieldProblem(ProblemException.badField(e.getParameterName(), "is required"), request);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestPart(MissingServletRequestPartException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return fieldProblem(ProblemException.badField(e.getRequestPartName(), "is required"), request);
    }

    /** Other unbindable request values (a required header or cookie missing): a 400 naming the value. */
    @Override
    protected ResponseEntity<Object> handleServletRequestBindingException(ServletRequestBindingException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String field = switch (e) {
            case MissingRequestHeaderException header -> header.getHeaderName();
            case MissingRequestCookieException cookie -> cookie.getCookieName();
            default -> "request";
        };
        return fieldProblem(ProblemException.badField(field, "is required"), request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        String field = e instanceof MethodArgumentTypeMismatchException m ? m.getName() : e.getPropertyName();
        String expected = e.getRequiredType() == null ? "a valid value" : JsonProblems.describe(e.getRequiredType());
        return fieldProblem(ProblemException.badField(String.valueOf(field),
                "'" + e.getValue() + "' is not " + expected), request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof PayloadTooLargeException tooLarge) {
                ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage());
                body.setTitle("Request too large");
                return castBody(respond(body, ((ServletWebRequest) request).getRequest()));
            }
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof JacksonException json) {
                var typed = JsonProblems.typedCause(json, "");
                if (typed.isPresent()) {
                    return fieldProblem(ProblemException.of(typed.get()), request);
                }
                io.mlsyslab.contract.FieldError error = JsonProblems.fieldError(json, "");
                return fieldProblem(ProblemException.badField(error.field(), error.message()), request);
            }
        }
        return fieldProblem(ProblemException.badField("body", "missing or unreadable request body"), request);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem
                && request instanceof ServletWebRequest servlet) {
            decorate(problem, servlet.getRequest());
            return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
        }
        return response;
    }

    private ResponseEntity<Object> fieldProblem(ProblemException e, WebRequest request) {
        return castBody(problem(e, ((ServletWebRequest) request).getRequest()));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ResponseEntity<Object> castBody(ResponseEntity<ProblemDetail> response) {
        return (ResponseEntity) response;
    }

    private static ResponseEntity<ProblemDetail> respond(ProblemDetail body, HttpServletRequest request) {
        decorate(body, request);
        return ResponseEntity.status(body.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }

    private static void decorate(ProblemDetail body, HttpServletRequest request) {
        body.setInstance(URI.create(request.getRequestURI()));
        // the id RequestIdFilter validated and logs under, not the raw header
        String requestId = org.slf4j.MDC.get(io.mlsyslab.platform.web.RequestIdFilter.MDC_KEY);
        if (requestId != null && !requestId.isBlank()) {
            body.setProperty("requestId", requestId);
        }
    }
}
