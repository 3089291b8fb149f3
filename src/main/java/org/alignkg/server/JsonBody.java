package org.alignkg.server;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.javalin.http.Context;

/**
 * A JSON object request body with a fixed set of fields, read strictly: the body must be UTF-8
 * {@code application/json} under the size cap, one object, no unknown fields (a typo such as
 * {@code "titel"} is refused rather than ignored), and each field of the expected type. Every
 * refusal names the field.
 */
final class JsonBody {
    private static final ObjectMapper JSON = new ObjectMapper()
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final JsonNode root;

    private JsonBody(JsonNode root) {
        this.root = root;
    }

    /**
     * Reads the body. {@code optional}: an empty body (no bytes) is an empty object, so a client
     * may POST nothing when every field has a default.
     */
    static JsonBody read(Context ctx, long maxBytes, Set<String> fields, boolean optional) {
        String type = Conneg.mediaType(ctx.contentType());
        String text = RequestBody.utf8(ctx, maxBytes);
        if (text.isBlank() && optional) return new JsonBody(JSON.createObjectNode());
        if (type == null || !type.equals("application/json"))
            throw new HttpProblem(415, "send the request body as application/json (got "
                + (type == null ? "no Content-Type" : type) + ")");
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new HttpProblem(400, "the request body is not JSON: " + e.getOriginalMessage()
                + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        }
        if (root == null || !root.isObject())
            throw new HttpProblem(400, "the request body must be a JSON object");
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!fields.contains(f))
                throw new HttpProblem(400, "unknown field '" + f + "'; known fields: " + String.join(", ", new TreeSet<>(fields)));
        }
        return new JsonBody(root);
    }

    /** A string field, or null when absent or JSON null. */
    String string(String field) {
        JsonNode v = root.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) throw new HttpProblem(400, "field '" + field + "' must be a string");
        return v.asText();
    }

    /** A field that is an array of strings or one string of {@code ;}-separated values; empty when absent. */
    List<String> stringList(String field) {
        JsonNode v = root.get(field);
        List<String> out = new ArrayList<>();
        if (v == null || v.isNull()) return out;
        if (v.isTextual()) {
            out.addAll(List.of(v.asText().split(";")));
            return out;
        }
        if (!v.isArray()) throw new HttpProblem(400, "field '" + field + "' must be an array of strings or a string");
        for (JsonNode x : v) {
            if (!x.isTextual()) throw new HttpProblem(400, "field '" + field + "' must be an array of strings");
            out.add(x.asText());
        }
        return out;
    }

    boolean has(String field) {
        JsonNode v = root.get(field);
        return v != null && !v.isNull();
    }
}
