package dev.opsdeck.console.palette;

import java.util.Locale;

/**
 * Fuzzy matching as in editors' command palettes: the query's characters must appear in order; runs of
 * consecutive characters and word starts score higher, so "wk" finds "Workers" and "ctb" finds "Create backup".
 */
public final class Fuzzy {
    private Fuzzy() {
    }

    /** Score of {@code text} for {@code query}; negative when it does not match. An empty query matches everything. */
    public static int score(String query, String text) {
        String q = query.strip().toLowerCase(Locale.ROOT);
        String t = text.toLowerCase(Locale.ROOT);
        if (q.isEmpty()) {
            return 0;
        }
        int score = 0;
        int from = 0;
        int previous = -2;
        for (int i = 0; i < q.length(); i++) {
            char c = q.charAt(i);
            if (c == ' ') {
                continue; // spaces separate words in the query, they need not match literally
            }
            int at = t.indexOf(c, from);
            if (at < 0) {
                return -1;
            }
            score += 1;
            if (at == previous + 1) {
                score += 5; // consecutive run
            }
            if (at == 0 || !Character.isLetterOrDigit(t.charAt(at - 1))) {
                score += 8; // start of a word
            }
            previous = at;
            from = at + 1;
        }
        // Among equal matches, the shorter text is the closer one.
        return score * 100 - Math.min(99, t.length());
    }
}
