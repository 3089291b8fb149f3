package org.alignkg.server;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.javalin.http.Context;

/** Reads request bodies under the size cap, strictly as UTF-8. */
final class RequestBody {
    private RequestBody() { }

    static byte[] bytes(Context ctx, long max) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > max) throw tooLarge(max);
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (data.length > max) throw tooLarge(max);
            return data;
        } catch (IOException e) {
            throw new HttpProblem(400, "cannot read the request body: " + e.getMessage());
        }
    }

    private static HttpProblem tooLarge(long max) {
        return new HttpProblem(413, "request body larger than the limit of " + max + " bytes");
    }

    /** The body as UTF-8 text; a charset other than UTF-8 is 415, bytes that are not UTF-8 are 400. */
    static String utf8(Context ctx, long max) {
        String cs = Conneg.charset(ctx.contentType());
        if (cs != null && !cs.equalsIgnoreCase("utf-8") && !cs.equalsIgnoreCase("utf8"))
            throw new HttpProblem(415, "charset " + cs + " not supported; send UTF-8");
        return decode(bytes(ctx, max));
    }

    static String decode(byte[] data) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data)).toString();
        } catch (CharacterCodingException e) {
            throw new HttpProblem(400, "the request body is not valid UTF-8");
        }
    }

    /** An application/x-www-form-urlencoded body as name to values. */
    static Map<String, List<String>> form(Context ctx, long max) {
        String text = utf8(ctx, max);
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (text.isEmpty()) return out;
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            try {
                out.computeIfAbsent(URLDecoder.decode(k, StandardCharsets.UTF_8), x -> new ArrayList<>())
                    .add(URLDecoder.decode(v, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new HttpProblem(400, "malformed form body: " + e.getMessage());
            }
        }
        return out;
    }
}
