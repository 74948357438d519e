package dev.opsdeck.backend.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.opsdeck.backend.platform.http.ApiException;
import io.javalin.http.Context;


/** The backend's JSON conventions: snake_case, ISO-8601 times, unknown fields refused with the field named. */
public final class Json {
    private Json() {
    }

    public static ObjectMapper newMapper() {
        ObjectMapper m = new ObjectMapper();
        // A number or boolean where text is expected is a client mistake (400 naming the field), not "5".
        m.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return m
                .registerModule(new JavaTimeModule())
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    }

    /**
     * Reads the request body as {@code type}; every parse failure becomes a 400 naming the field.
     * An empty body is refused too: a POST that needs a body must say so.
     */
    public static <T> T body(Context ctx, ObjectMapper mapper, Class<T> type) {
        byte[] raw = ctx.bodyAsBytes();
        if (raw.length == 0) {
            throw ApiException.badRequest("request body is empty; expected a JSON object");
        }
        try {
            if (startsAnObject(raw)) {
                // Straight from the bytes: building a tree first and binding from it cost each ingest request a second pass.
                return mapper.readValue(raw, type);
            }
            JsonNode tree = mapper.readTree(raw);
            if (tree == null || !tree.isObject()) {
                throw ApiException.badRequest("request body must be a JSON object");
            }
            return mapper.treeToValue(tree, type);
        } catch (UnrecognizedPropertyException e) {
            throw ApiException.invalidField(e.getPropertyName(), "unknown field");
        } catch (InvalidFormatException e) {
            throw ApiException.invalidField(path(e), "has the wrong type or format (" + e.getValue() + ")");
        } catch (MismatchedInputException e) {
            String field = path(e);
            throw field.isEmpty() ? ApiException.badRequest("request body does not match the expected shape")
                    : ApiException.invalidField(field, "has the wrong type or is missing");
        } catch (JsonProcessingException e) {
            throw ApiException.badRequest("malformed JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw ApiException.badRequest("unreadable request body");
        } catch (IllegalArgumentException e) {
            // Record compact constructors validate and throw IllegalArgumentException; Jackson wraps them.
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw ApiException.badRequest(cause.getMessage());
        }
    }

    private static boolean startsAnObject(byte[] raw) {
        for (byte b : raw) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return b == '{';
            }
        }
        return false;
    }

    /** The JSON path of the offending value, e.g. {@code gpus[1].utilization_percent}. */
    private static String path(MismatchedInputException e) {
        StringBuilder b = new StringBuilder();
        for (var r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (b.length() > 0) {
                    b.append('.');
                }
                b.append(r.getFieldName());
            } else {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.toString();
    }
}
