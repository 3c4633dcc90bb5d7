package io.mlsyslab.platform.charts;

import java.util.ArrayList;
import java.util.List;

/**
 * Conservative text widths for sans-serif fonts, without AWT: per-character advances at least as wide as DejaVu Sans
 * (the widest common sans-serif default) so that a layout sized with them also fits Arial, Helvetica or Liberation.
 */
final class TextMetrics {

    private TextMetrics() {
    }

    /** Advance of one character in em. */
    static double advance(char c) {
        if ("iljI.,:;'|!".indexOf(c) >= 0) {
            return 0.34;
        }
        if ("frt()[]{} /\\-".indexOf(c) >= 0) {
            return 0.45;
        }
        if ("mwMW@%".indexOf(c) >= 0) {
            return 1.0;
        }
        if (Character.isUpperCase(c) || "×µ=+<>~#&_".indexOf(c) >= 0) {
            return 0.78;
        }
        return 0.66;
    }

    static double width(String text, double fontSize) {
        return width(text, fontSize, false);
    }

    static double width(String text, double fontSize, boolean bold) {
        double em = 0;
        for (int i = 0; i < text.length(); i++) {
            em += advance(text.charAt(i));
        }
        return em * fontSize * (bold ? 1.12 : 1.0);
    }

    /** Greedy wrap at spaces (words longer than a line are split) so that every line is at most maxWidth wide. */
    static List<String> wrap(String text, double maxWidth, double fontSize, boolean bold) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (width(candidate, fontSize, bold) <= maxWidth) {
                line.setLength(0);
                line.append(candidate);
                continue;
            }
            if (!line.isEmpty()) {
                lines.add(line.toString());
                line.setLength(0);
            }
            String rest = word;
            while (width(rest, fontSize, bold) > maxWidth && rest.length() > 1) {
                int cut = 1;
                while (cut < rest.length() && width(rest.substring(0, cut + 1), fontSize, bold) <= maxWidth) {
                    cut++;
                }
                lines.add(rest.substring(0, cut));
                rest = rest.substring(cut);
            }
            line.append(rest);
        }
        if (!line.isEmpty() || lines.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }
}
