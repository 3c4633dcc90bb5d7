package io.mlsyslab.inference.structured;

/**
 * A string of {@code minLength..maxLength} code points (an escape counts as the one character it stands for),
 * optionally matching a {@link PatternDfa}. {@link #close} answers the closing rule: the fewest bytes that finish
 * the content from a pattern state after {@code chars} characters, the closing quote not included.
 */
final class StringNode implements SchemaNode {
    final int minLength;
    final int maxLength;
    final PatternDfa pattern;
    /** With a pattern: {@code closeTable[state][min(chars, closeChars)]}. */
    private final int[][] closeTable;
    private final int closeChars;
    private final int minBytes;

    StringNode(int minLength, int maxLength, PatternDfa pattern) {
        this.minLength = minLength;
        this.maxLength = maxLength;
        this.pattern = pattern;
        if (pattern == null) {
            closeTable = null;
            closeChars = 0;
        } else {
            closeChars = maxLength != Integer.MAX_VALUE ? maxLength : minLength;
            closeTable = pattern.closeTable(minLength, maxLength);
        }
        this.minBytes = SchemaNode.add(2, close(pattern == null ? 0 : pattern.start(), 0));
    }

    /** Fewest content bytes to a valid end from pattern {@code state} after {@code chars} characters (or INF). */
    int close(int state, int chars) {
        if (chars > maxLength) {
            return INF;
        }
        if (pattern == null) {
            return Math.max(0, minLength - chars);
        }
        return closeTable[state][Math.min(chars, closeChars)];
    }

    /** Whether the plain-token fast path applies in this pattern state (no pattern, or one that accepts anything). */
    boolean unconstrainedIn(int state) {
        return pattern == null || pattern.universal(state);
    }

    @Override
    public int minBytes() {
        return minBytes;
    }
}
