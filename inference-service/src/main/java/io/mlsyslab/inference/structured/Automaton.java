package io.mlsyslab.inference.structured;

/**
 * The byte-level pushdown automaton: {@link #step} feeds one byte to one configuration and hands every resulting
 * configuration to a sink (none: the byte is refused). Whitespace policy: none between tokens except one optional
 * space after {@code :} and after {@code ,}. A finished value pops its frame and tells the parent; numbers have no
 * terminator, so a number finishes when a byte arrives that cannot extend it, and that byte goes to the parent.
 */
final class Automaton {
    private Automaton() {
    }

    static void step(Stack s, int b, Sink out) {
        if (s == Stack.DONE) {
            return;
        }
        switch (s.top) {
            case Frame.Start f -> startValue(f.root(), Stack.DONE, b, out);
            case Frame.InLiteral f -> {
                if ((f.bytes()[f.matched()] & 0xff) == b) {
                    out.add(f.matched() + 1 == f.bytes().length ? finish(s.parent)
                            : new Stack(new Frame.InLiteral(f.bytes(), f.matched() + 1), s.parent));
                }
            }
            case Frame.InObject f -> stepObject(f, s.parent, b, out);
            case Frame.InArray f -> stepArray(f, s.parent, b, out);
            case Frame.InString f -> stepText(f, s.parent, b, out);
            case Frame.InNumber f -> stepNumber(f, s.parent, b, out);
        }
    }

    /** The configuration after the value on top of {@code parent} finished. */
    static Stack finish(Stack parent) {
        if (parent == Stack.DONE) {
            return Stack.DONE;
        }
        Frame done = switch (parent.top) {
            case Frame.InObject o -> new Frame.InObject(o.node(), o.phase() == Frame.InObject.KEY ? Frame.InObject.COLON
                    : Frame.InObject.AFTER_VALUE, o.next(), o.property());
            case Frame.InArray a -> new Frame.InArray(a.node(), Frame.InArray.AFTER_ITEM, a.count() + 1);
            default -> throw new IllegalStateException("a value finished inside " + parent.top);
        };
        return new Stack(done, parent.parent);
    }

    /** Starts a value of {@code node} with byte {@code b}; {@code parent} already waits for it. */
    static void startValue(SchemaNode node, Stack parent, int b, Sink out) {
        switch (node) {
            case SchemaNode.AnyOf a -> {
                for (SchemaNode alt : a.alternatives()) {
                    startValue(alt, parent, b, out);
                }
            }
            case ObjectNode o -> {
                if (b == '{') {
                    out.add(new Stack(new Frame.InObject(o, Frame.InObject.OPEN, 0, -1), parent));
                }
            }
            case ArrayNode a -> {
                if (b == '[') {
                    out.add(new Stack(new Frame.InArray(a, Frame.InArray.OPEN, 0), parent));
                }
            }
            case StringNode t -> {
                if (b == '"') {
                    out.add(new Stack(Frame.InString.open(t), parent));
                }
            }
            case NumberNode n -> stepNumber(new Frame.InNumber(n, Frame.InNumber.START, n.bounds == null ? null : ""),
                    parent, b, out);
            case LiteralNode l -> {
                for (byte[] lit : l.literals()) {
                    if ((lit[0] & 0xff) == b) {
                        out.add(lit.length == 1 ? finish(parent) : new Stack(new Frame.InLiteral(lit, 1), parent));
                    }
                }
            }
            case SchemaNode.AnyValue any -> {
                switch (b) {
                    case '{' -> startValue(SchemaNode.AnyValue.FREE_OBJECT, parent, b, out);
                    case '[' -> startValue(SchemaNode.AnyValue.FREE_ARRAY, parent, b, out);
                    case '"' -> startValue(SchemaNode.AnyValue.FREE_STRING, parent, b, out);
                    case 't', 'f', 'n' -> startValue(SchemaNode.AnyValue.FREE_LITERAL, parent, b, out);
                    default -> startValue(SchemaNode.AnyValue.FREE_NUMBER, parent, b, out);
                }
            }
        }
    }

    private static void stepObject(Frame.InObject f, Stack parent, int b, Sink out) {
        ObjectNode node = f.node();
        int phase = f.phase();
        switch (phase) {
            case Frame.InObject.OPEN, Frame.InObject.COMMA, Frame.InObject.COMMA_SPACE -> {
                if (b == '"') {
                    startKey(f, parent, out);
                } else if (b == ' ' && phase == Frame.InObject.COMMA) {
                    out.add(new Stack(new Frame.InObject(node, Frame.InObject.COMMA_SPACE, f.next(), -1), parent));
                } else if (b == '}' && phase == Frame.InObject.OPEN && node.mayClose(f.next())) {
                    out.add(finish(parent));
                }
            }
            case Frame.InObject.AFTER_VALUE -> {
                if (b == ',' && node.closeAfterComma(f.next()) < SchemaNode.INF) {
                    out.add(new Stack(new Frame.InObject(node, Frame.InObject.COMMA, f.next(), -1), parent));
                } else if (b == '}' && node.mayClose(f.next())) {
                    out.add(finish(parent));
                }
            }
            case Frame.InObject.COLON -> {
                if (b == ':') {
                    out.add(new Stack(new Frame.InObject(node, Frame.InObject.AFTER_COLON, f.next(), f.property()),
                            parent));
                }
            }
            case Frame.InObject.AFTER_COLON, Frame.InObject.COLON_SPACE -> {
                if (b == ' ' && phase == Frame.InObject.AFTER_COLON) {
                    out.add(new Stack(new Frame.InObject(node, Frame.InObject.COLON_SPACE, f.next(), f.property()),
                            parent));
                    return;
                }
                SchemaNode value = f.property() < 0 ? node.additional : node.properties.get(f.property()).value();
                Stack waiting = new Stack(new Frame.InObject(node, Frame.InObject.VALUE, f.next(), f.property()), parent);
                startValue(value, waiting, b, out);
            }
            default -> throw new IllegalStateException("object frame in phase " + phase + " on top");
        }
    }

    /** A {@code "} opens a key: one configuration per property that may come next, or a free key. */
    private static void startKey(Frame.InObject f, Stack parent, Sink out) {
        ObjectNode node = f.node();
        for (int j = f.next(); j <= node.lastCandidate(f.next()); j++) {
            Stack waiting = new Stack(new Frame.InObject(node, Frame.InObject.KEY, j + 1, j), parent);
            out.add(new Stack(new Frame.InLiteral(node.properties.get(j).key(), 1), waiting));
        }
        if (node.additional != null) {
            Stack waiting = new Stack(new Frame.InObject(node, Frame.InObject.KEY, f.next(), -1), parent);
            out.add(new Stack(Frame.InString.open(SchemaNode.AnyValue.FREE_STRING), waiting));
        }
    }

    private static void stepArray(Frame.InArray f, Stack parent, int b, Sink out) {
        ArrayNode node = f.node();
        int phase = f.phase();
        if (phase == Frame.InArray.AFTER_ITEM) {
            if (b == ',' && f.count() < node.maxItems) {
                out.add(new Stack(new Frame.InArray(node, Frame.InArray.COMMA, f.count()), parent));
            } else if (b == ']' && f.count() >= node.minItems) {
                out.add(finish(parent));
            }
            return;
        }
        if (phase == Frame.InArray.OPEN && b == ']') {
            if (node.minItems == 0) {
                out.add(finish(parent));
            }
            return;
        }
        if (phase == Frame.InArray.COMMA && b == ' ') {
            out.add(new Stack(new Frame.InArray(node, Frame.InArray.COMMA_SPACE, f.count()), parent));
            return;
        }
        if (phase == Frame.InArray.OPEN && node.maxItems == 0) {
            return;
        }
        startValue(node.items, new Stack(new Frame.InArray(node, Frame.InArray.ITEM, f.count()), parent), b, out);
    }

    private static void stepText(Frame.InString f, Stack parent, int b, Sink out) {
        StringNode node = f.node();
        switch (f.mode()) {
            case Frame.InString.CLEAN -> {
                if (b == '"') {
                    if (node.close(f.dfa(), f.chars()) == 0) {
                        out.add(finish(parent));
                    }
                    return;
                }
                if (b < 0x20 || f.chars() >= node.maxLength) {
                    return;
                }
                if (b == '\\') {
                    out.add(new Stack(new Frame.InString(node, f.chars() + 1, f.dfa(), Frame.InString.ESCAPE, 0, 0, 0),
                            parent));
                } else if (b < 0x80) {
                    character(f, f.chars() + 1, b, parent, out);
                } else {
                    int n = Utf8.continuations(b);
                    if (n > 0) {
                        out.add(new Stack(new Frame.InString(node, f.chars() + 1, f.dfa(), Frame.InString.UTF8, b, n,
                                Utf8.leadBits(b)), parent));
                    }
                }
            }
            case Frame.InString.ESCAPE -> {
                if (b == 'u') {
                    out.add(new Stack(new Frame.InString(node, f.chars(), f.dfa(), Frame.InString.HEX0, 0, 0, 0), parent));
                    return;
                }
                for (int i = 0; i < Frame.InString.SHORT_ESCAPES.length; i += 2) {
                    if (Frame.InString.SHORT_ESCAPES[i] == b) {
                        character(f, f.chars(), Frame.InString.SHORT_ESCAPES[i + 1], parent, out);
                    }
                }
            }
            case Frame.InString.UTF8 -> {
                boolean first = f.pending() == Utf8.continuations(f.lead());
                int low = first ? Utf8.firstLow(f.lead()) : 0x80, high = first ? Utf8.firstHigh(f.lead()) : 0xBF;
                if (b < low || b > high) {
                    return;
                }
                int acc = f.acc() << 6 | (b & 0x3F);
                if (f.pending() == 1) {
                    character(f, f.chars(), acc, parent, out);
                } else {
                    out.add(new Stack(new Frame.InString(node, f.chars(), f.dfa(), Frame.InString.UTF8, f.lead(),
                            f.pending() - 1, acc), parent));
                }
            }
            default -> { // HEX0 + digits read
                int v = Character.digit(b, 16);
                if (v < 0) {
                    return;
                }
                int read = f.mode() - Frame.InString.HEX0 + 1, acc = f.acc() * 16 + v;
                if (read == 2 && acc >= 0xD8 && acc <= 0xDF) {
                    return; // a lone surrogate escape is not a character
                }
                if (read == 4) {
                    character(f, f.chars(), acc, parent, out);
                } else {
                    out.add(new Stack(new Frame.InString(node, f.chars(), f.dfa(), f.mode() + 1, 0, 0, acc), parent));
                }
            }
        }
    }

    /** A whole character {@code cp} (already counted in {@code chars}) entered the string. */
    private static void character(Frame.InString f, int chars, int cp, Stack parent, Sink out) {
        PatternDfa p = f.node().pattern;
        int dfa = p == null ? 0 : p.step(f.dfa(), cp);
        if (dfa >= 0) {
            out.add(new Stack(new Frame.InString(f.node(), chars, dfa, Frame.InString.CLEAN, 0, 0, 0), parent));
        }
    }

    private static void stepNumber(Frame.InNumber f, Stack parent, int b, Sink out) {
        int next = numberGrammar(f.state(), b, f.node());
        if (next >= 0) {
            String text = f.text() == null ? null : f.text() + (char) b;
            if (text == null || f.node().bounds.minCompletion(text) < SchemaNode.INF) {
                out.add(new Stack(new Frame.InNumber(f.node(), next, text), parent));
            }
            return;
        }
        if (f.complete()) {
            step(finish(parent), b, out);
        }
    }

    /** JSON's number grammar; fraction and exponent only where the node allows them; -1 refuses. */
    private static int numberGrammar(int state, int b, NumberNode node) {
        boolean digit = b >= '0' && b <= '9';
        boolean fraction = !node.integer, exponent = !node.integer && node.bounds == null;
        return switch (state) {
            case Frame.InNumber.START -> b == '-' ? Frame.InNumber.MINUS : b == '0' ? Frame.InNumber.ZERO
                    : digit ? Frame.InNumber.INT : -1;
            case Frame.InNumber.MINUS -> b == '0' ? Frame.InNumber.ZERO : digit ? Frame.InNumber.INT : -1;
            case Frame.InNumber.ZERO, Frame.InNumber.INT -> digit && state == Frame.InNumber.INT ? Frame.InNumber.INT
                    : b == '.' && fraction ? Frame.InNumber.DOT
                    : (b == 'e' || b == 'E') && exponent ? Frame.InNumber.EXP : -1;
            case Frame.InNumber.DOT -> digit ? Frame.InNumber.FRACTION : -1;
            case Frame.InNumber.FRACTION -> digit ? Frame.InNumber.FRACTION
                    : (b == 'e' || b == 'E') && exponent ? Frame.InNumber.EXP : -1;
            case Frame.InNumber.EXP -> b == '+' || b == '-' ? Frame.InNumber.EXP_SIGN : digit ? Frame.InNumber.EXP_DIGITS : -1;
            case Frame.InNumber.EXP_SIGN, Frame.InNumber.EXP_DIGITS -> digit ? Frame.InNumber.EXP_DIGITS : -1;
            default -> -1;
        };
    }
}
