package org.alignkg.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** HTTP content negotiation: picks the offer the Accept header ranks highest (RFC 9110 12.5.1). */
final class Conneg {
    private Conneg() { }

    /** A media type the server can produce, and what to produce for it. */
    record Offer<T>(String mediaType, T value) { }

    private record Range(String type, String subtype, double q) {
        int specificity() {
            return type.equals("*") ? 0 : subtype.equals("*") ? 1 : 2;
        }

        boolean matches(String mt) {
            int slash = mt.indexOf('/');
            String t = mt.substring(0, slash);
            String s = mt.substring(slash + 1);
            return (type.equals("*") || type.equals(t)) && (subtype.equals("*") || subtype.equals(s));
        }
    }

    /**
     * The offer with the highest quality; ties go to the earlier offer. No Accept header means the
     * first offer. Empty when every offer has quality 0 (the caller answers 406).
     */
    static <T> Optional<T> choose(String accept, List<Offer<T>> offers) {
        if (accept == null || accept.isBlank()) return Optional.of(offers.get(0).value());
        List<Range> ranges = parse(accept);
        T best = null;
        double bestQ = 0;
        for (Offer<T> o : offers) {
            Range match = null;
            for (Range r : ranges)
                if (r.matches(o.mediaType()) && (match == null || r.specificity() > match.specificity())) match = r;
            if (match != null && match.q() > bestQ) {
                best = o.value();
                bestQ = match.q();
            }
        }
        return Optional.ofNullable(best);
    }

    private static List<Range> parse(String accept) {
        List<Range> out = new ArrayList<>();
        for (String part : accept.split(",")) {
            String[] bits = part.trim().split(";");
            String mt = bits[0].trim().toLowerCase(Locale.ROOT);
            if (mt.equals("*")) mt = "*/*";
            int slash = mt.indexOf('/');
            if (slash < 1 || slash == mt.length() - 1) continue;
            double q = 1;
            for (int i = 1; i < bits.length; i++) {
                String p = bits[i].trim();
                if (p.startsWith("q=") || p.startsWith("Q=")) {
                    try {
                        q = Double.parseDouble(p.substring(2));
                    } catch (NumberFormatException e) {
                        q = 0; // a malformed weight counts as "not acceptable" rather than failing the request
                    }
                }
            }
            out.add(new Range(mt.substring(0, slash), mt.substring(slash + 1), q));
        }
        return out;
    }

    /** The media type of a Content-Type header without parameters, lower case; null when absent. */
    static String mediaType(String contentType) {
        if (contentType == null || contentType.isBlank()) return null;
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    /** The charset parameter of a Content-Type header, or null. */
    static String charset(String contentType) {
        if (contentType == null) return null;
        for (String p : contentType.split(";")) {
            String t = p.trim();
            if (t.toLowerCase(Locale.ROOT).startsWith("charset=")) return t.substring(8).replace("\"", "").trim();
        }
        return null;
    }
}
