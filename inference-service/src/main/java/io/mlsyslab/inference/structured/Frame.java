package io.mlsyslab.inference.structured;

/**
 * One level of the pushdown automaton's stack: progress inside one JSON value. Frames are immutable values (equal
 * when the progress is equal), so a stack of them is a state key for the mask cache, and a step makes new frames
 * rather than undoing changes. {@link #minToClose} is the fewest bytes that finish this level once the value above
 * it on the stack (if any) is finished: summed down the stack it is the shortest completion of the whole output.
 */
sealed interface Frame {
    int minToClose();

    /** Before the first byte: the root value is expected. */
    record Start(SchemaNode root) implements Frame {
        @Override
        public int minToClose() {
            return root.minBytes();
        }
    }

    /** Bytes of one literal (enum/const value, true/false/null, a declared key) matched so far. */
    record InLiteral(byte[] bytes, int matched) implements Frame {
        @Override
        public int minToClose() {
            return bytes.length - matched;
        }
    }

    /** An object; {@code next} is the first property not yet written or skipped, {@code property} the current one. */
    record InObject(ObjectNode node, int phase, int next, int property) implements Frame {
        static final int OPEN = 0, AFTER_VALUE = 1, COMMA = 2, COMMA_SPACE = 3, KEY = 4, COLON = 5, AFTER_COLON = 6,
                COLON_SPACE = 7, VALUE = 8;

        @Override
        public int minToClose() {
            return switch (phase) {
                case OPEN -> node.closeAfterOpen();
                case AFTER_VALUE, VALUE -> node.closeFrom(next);
                case COMMA, COMMA_SPACE -> node.closeAfterComma(next);
                case KEY, COLON -> node.valueAfterKey(property);
                default -> SchemaNode.add(-1, node.valueAfterKey(property)); // after ':' (and its space)
            };
        }
    }

    /** An array with {@code count} items complete. */
    record InArray(ArrayNode node, int phase, int count) implements Frame {
        static final int OPEN = 0, AFTER_ITEM = 1, COMMA = 2, COMMA_SPACE = 3, ITEM = 4;

        @Override
        public int minToClose() {
            return switch (phase) {
                case OPEN, AFTER_ITEM -> node.itemsAfter(count);
                case COMMA, COMMA_SPACE -> SchemaNode.add(node.items.minBytes(), node.itemsAfter(count + 1));
                default -> node.itemsAfter(count + 1);
            };
        }
    }

    /**
     * Inside a string after {@code chars} characters, pattern state {@code dfa}. {@code mode} is CLEAN, ESCAPE
     * (after a backslash), HEX0 + k (k hex digits of a backslash-u read, value in {@code acc}) or UTF8 ({@code pending}
     * continuation bytes of a character led by {@code lead} still to come, payload bits so far in {@code acc}).
     * A character is counted when it starts, so maxLength refuses its first byte.
     */
    record InString(StringNode node, int chars, int dfa, int mode, int lead, int pending, int acc) implements Frame {
        static final int CLEAN = 0, ESCAPE = 1, HEX0 = 2, UTF8 = 6;
        static final int[] SHORT_ESCAPES = {'"', '"', '\\', '\\', '/', '/', 'b', '\b', 'f', '\f', 'n', '\n', 'r', '\r',
                't', '\t'};

        static InString open(StringNode node) {
            return new InString(node, 0, node.pattern == null ? 0 : node.pattern.start(), CLEAN, 0, 0, 0);
        }

        @Override
        public int minToClose() {
            return SchemaNode.add(contentToClose(), 1);
        }

        private int contentToClose() {
            if (mode == CLEAN) {
                return node.close(dfa, chars);
            }
            if (node.pattern == null) {
                int partial = mode == ESCAPE ? 1 : mode == UTF8 ? pending : 4 - (mode - HEX0);
                return SchemaNode.add(partial, node.close(0, chars));
            }
            if (mode == ESCAPE) {
                int best = SchemaNode.add(5, closeVia(0, Regex.MAX_CP));
                for (int i = 0; i < SHORT_ESCAPES.length; i += 2) {
                    int t = node.pattern.step(dfa, SHORT_ESCAPES[i + 1]);
                    if (t >= 0) {
                        best = Math.min(best, SchemaNode.add(1, node.close(t, chars)));
                    }
                }
                return best;
            }
            if (mode == UTF8) {
                int low = pending == Utf8.continuations(lead) ? Utf8.firstLow(lead) : 0x80;
                int high = pending == Utf8.continuations(lead) ? Utf8.firstHigh(lead) : 0xBF;
                int rest = 6 * (pending - 1);
                int base = acc << (6 * pending);
                return SchemaNode.add(pending, closeVia(base | (low & 0x3F) << rest,
                        base | (high & 0x3F) << rest | ((1 << rest) - 1)));
            }
            int left = 4 - (mode - HEX0);
            return SchemaNode.add(left, closeVia(acc << (4 * left), (acc << (4 * left)) | ((1 << (4 * left)) - 1)));
        }

        /** Fewest bytes after a character in [lo, hi] (already counted) to a valid end, via the pattern. */
        private int closeVia(int lo, int hi) {
            PatternDfa p = node.pattern;
            int best = SchemaNode.INF;
            for (int i = p.interval(lo); i < p.intervals() && p.intervalStart(i) <= hi; i++) {
                int t = p.next(dfa, i);
                if (t >= 0) {
                    best = Math.min(best, node.close(t, chars));
                }
            }
            return best;
        }
    }

    /**
     * A number: grammar {@code state}, and for bounded numbers the text so far (null when unbounded, so that all
     * unbounded numbers in one grammar state are one cache key).
     */
    record InNumber(NumberNode node, int state, String text) implements Frame {
        static final int START = 0, MINUS = 1, ZERO = 2, INT = 3, DOT = 4, FRACTION = 5, EXP = 6, EXP_SIGN = 7,
                EXP_DIGITS = 8;

        boolean complete() {
            boolean grammar = state == ZERO || state == INT || state == FRACTION || state == EXP_DIGITS;
            return grammar && (node.bounds == null || node.bounds.minCompletion(text) == 0);
        }

        @Override
        public int minToClose() {
            if (node.bounds != null) {
                return node.bounds.minCompletion(text);
            }
            return state == ZERO || state == INT || state == FRACTION || state == EXP_DIGITS ? 0 : 1;
        }
    }
}
