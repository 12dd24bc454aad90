package org.unionledger.api.web;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageConversionException;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.unionledger.api.idempotency.IdempotencyKeyReused;
import org.unionledger.core.rule.BusinessRuleViolation;

/**
 * Turns every failure into RFC 9457 problem+json with a {@code code}: broken business rules are
 * 422 with the rule's code, malformed input 400, unknown targets 404, reused ids 409.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(BusinessRuleViolation.class)
    ProblemDetail ruleBroken(BusinessRuleViolation violation) {
        return ProblemResponses.problem(HttpStatus.UNPROCESSABLE_ENTITY, violation.code(), violation.getMessage());
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ProblemDetail targetMissing(AggregateNotFoundException missing) {
        return ProblemResponses.problem(HttpStatus.NOT_FOUND, "TARGET_MUST_EXIST",
                "nothing is recorded under id " + missing.getAggregateIdentifier());
    }

    @ExceptionHandler(NotFound.class)
    ProblemDetail notFound(NotFound missing) {
        return ProblemResponses.problem(HttpStatus.NOT_FOUND, missing.code(), missing.getMessage());
    }

    @ExceptionHandler(IdempotencyKeyReused.class)
    ProblemDetail idReused(IdempotencyKeyReused reused) {
        return ProblemResponses.problem(HttpStatus.CONFLICT, "IDEMPOTENCY_KEY_REUSED", reused.getMessage());
    }

    @ExceptionHandler(ConcurrencyException.class)
    ProblemDetail concurrentChange(ConcurrencyException conflict) {
        return ProblemResponses.problem(HttpStatus.CONFLICT, "CONCURRENT_MODIFICATION",
                "another request changed the same record at the same moment; retry with the same id");
    }

    @ExceptionHandler(RequestBodyLimitFilter.BodyTooLarge.class)
    ProblemDetail bodyTooLarge(RequestBodyLimitFilter.BodyTooLarge tooLarge) {
        return ProblemResponses.problem(HttpStatus.PAYLOAD_TOO_LARGE, "BODY_TOO_LARGE", tooLarge.getMessage());
    }

    @ExceptionHandler({AccessDeniedException.class, AuthorizationDeniedException.class})
    ProblemDetail denied(RuntimeException denied) {
        return ProblemResponses.problem(HttpStatus.FORBIDDEN, "ROLE_NOT_PERMITTED",
                "your role or organisation does not permit this");
    }

    @ExceptionHandler(CommandExecutionException.class)
    ProblemDetail commandFailed(CommandExecutionException failure) {
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof BusinessRuleViolation violation) {
                return ruleBroken(violation);
            }
            if (cause instanceof AggregateNotFoundException missing) {
                return targetMissing(missing);
            }
            if (cause instanceof ConcurrencyException conflict) {
                return concurrentChange(conflict);
            }
        }
        Object details = failure.getDetails().orElse(null);
        if (details instanceof Map<?, ?> map && map.get("code") instanceof String code) {
            return ProblemResponses.problem(HttpStatus.UNPROCESSABLE_ENTITY, code, failure.getMessage());
        }
        return unexpected(failure);
    }

    /** A multipart body that cannot be parsed (no boundary, truncated); too large is 413 by the base class. */
    @ExceptionHandler(MultipartException.class)
    ProblemDetail multipartMalformed(MultipartException malformed) {
        return ProblemResponses.problem(HttpStatus.BAD_REQUEST, "MULTIPART_MALFORMED",
                "the multipart request body cannot be read (boundary missing or body truncated)");
    }

    /** A body Jackson cannot bind for a reason other than its syntax, e.g. a field given twice to a record. */
    @ExceptionHandler(HttpMessageConversionException.class)
    ProblemDetail bodyNotBindable(HttpMessageConversionException failure) {
        log.warn("Request body not bindable: {}", failure.getMessage());
        return ProblemResponses.problem(HttpStatus.BAD_REQUEST, "BODY_UNREADABLE",
                "the request body cannot be bound to this operation's fields");
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badArgument(IllegalArgumentException bad) {
        return ProblemResponses.problem(HttpStatus.BAD_REQUEST, "INVALID_ARGUMENT", bad.getMessage());
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception failure) {
        log.error("Unexpected failure", failure);
        return ProblemResponses.problem(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR",
                "the ledger failed unexpectedly; nothing was recorded unless a later read shows it");
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException invalid,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = invalid.getBindingResult().getFieldErrors().stream()
                .map(error -> Map.of("field", error.getField(),
                        "message", String.valueOf(error.getDefaultMessage())))
                .toList();
        ProblemDetail problem = ProblemResponses.problem(HttpStatus.BAD_REQUEST, "REQUEST_FIELDS_INVALID",
                "some fields are missing or invalid");
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException unreadable,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = unreadable.getCause();
        ProblemDetail problem;
        if (cause instanceof RequestBodyLimitFilter.BodyTooLarge || (cause != null
                && cause.getCause() instanceof RequestBodyLimitFilter.BodyTooLarge)) {
            problem = ProblemResponses.problem(HttpStatus.PAYLOAD_TOO_LARGE, "BODY_TOO_LARGE",
                    "the request body exceeds " + RequestBodyLimitFilter.BODY_BYTES_MAX + " bytes");
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(problem);
        }
        if (anyCause(cause, InputCoercionException.class) || String.valueOf(messagesOf(cause)).contains("out of range")) {
            problem = ProblemResponses.problem(HttpStatus.BAD_REQUEST, "NUMBER_OUT_OF_RANGE",
                    "a number is too large or too small" + fieldOf(cause));
        } else if (messagesOf(cause).contains(RequestJsonGuards.NUL_MESSAGE)) {
            problem = ProblemResponses.problem(HttpStatus.BAD_REQUEST, "TEXT_CONTAINS_NUL",
                    RequestJsonGuards.NUL_MESSAGE + fieldOf(cause));
        } else if (messagesOf(cause).contains(RequestJsonGuards.DATE_MESSAGE)) {
            problem = ProblemResponses.problem(HttpStatus.BAD_REQUEST, "DATE_OUT_OF_RANGE",
                    RequestJsonGuards.DATE_MESSAGE + fieldOf(cause));
        } else if (anyCause(cause, InvalidNullException.class)) {
            problem = ProblemResponses.problem(HttpStatus.BAD_REQUEST, "LIST_MUST_NOT_CONTAIN_NULL",
                    "a list in the request body contains null" + fieldOf(cause));
        } else if (anyCause(cause, MismatchedInputException.class)) {
            problem = ProblemResponses.problem(HttpStatus.BAD_REQUEST, "FIELD_TYPE_MISMATCH",
                    "a field has the wrong type (amounts are whole fen)" + fieldOf(cause));
        } else if (anyCause(cause, JsonParseException.class) && messagesOf(cause).contains("Duplicate field")) {
            problem = ProblemResponses.problem(HttpStatus.BAD_REQUEST, "DUPLICATE_FIELD",
                    "a field appears twice in the request body");
        } else if (anyCause(cause, JsonParseException.class)) {
            problem = ProblemResponses.problem(HttpStatus.BAD_REQUEST, "MALFORMED_JSON",
                    "the request body is not valid JSON");
        } else {
            problem = ProblemResponses.problem(HttpStatus.BAD_REQUEST, "BODY_UNREADABLE",
                    "the request body is missing or unreadable");
        }
        return ResponseEntity.badRequest().body(problem);
    }

    private static boolean anyCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }

    private static String messagesOf(Throwable failure) {
        StringBuilder messages = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            messages.append(cause.getMessage()).append('\n');
        }
        return messages.toString();
    }

    private static String fieldOf(Throwable cause) {
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return ": " + mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .reduce((a, b) -> a + "." + b).orElse("");
        }
        return "";
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        // Most framework handlers pass no body and the base class would use the exception's own problem
        // without a code (e.g. a file above the multipart limit): take that problem here and give it one.
        Object problemBody = body == null && ex instanceof ErrorResponse response
                ? response.updateAndGetBody(getMessageSource(), LocaleContextHolder.getLocale()) : body;
        if (problemBody instanceof ProblemDetail problem && problem.getProperties() == null) {
            problem.setProperty("code", HttpStatus.valueOf(statusCode.value()).name());
        }
        return super.handleExceptionInternal(ex, problemBody, headers, statusCode, request);
    }
}
