package io.mlsyslab.training.runs;

import io.mlsyslab.platform.charts.SvgChart;
import io.mlsyslab.training.trainer.SyncRecord;
import io.mlsyslab.training.trainer.TrainerConfig;
import io.mlsyslab.training.trainer.TrainingOutcome;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The training charts: loss vs tokens above cumulative bytes vs tokens, stacked in one SVG. */
final class Charts {
    private static final Pattern SIZE = Pattern.compile("<svg [^>]*?width=\"(\\d+)\" height=\"(\\d+)\"");

    private Charts() {
    }

    static double[] evalTokens(TrainingOutcome o) {
        return o.evals().stream().mapToDouble(TrainingOutcome.EvalPoint::tokens).toArray();
    }

    static double[] evalLoss(TrainingOutcome o) {
        return o.evals().stream().mapToDouble(TrainingOutcome.EvalPoint::loss).toArray();
    }

    /** Cumulative bytes sent by all workers vs tokens, at each of rank 0's syncs (scaled by workers). */
    static double[][] bytesVsTokens(TrainerConfig c, TrainingOutcome o) {
        List<SyncRecord> s = o.syncs();
        double[] x = new double[s.size() + 1], y = new double[s.size() + 1];
        double total = 0, rank0 = 0;
        for (SyncRecord r : s) {
            rank0 += r.bytesSent();
        }
        double scale = rank0 > 0 ? o.totalBytes() / rank0 : 0; // rank 0's share -> all workers
        for (int i = 0; i < s.size(); i++) {
            total += s.get(i).bytesSent() * scale;
            x[i + 1] = (double) s.get(i).step() * c.tokensPerStep();
            y[i + 1] = total;
        }
        return new double[][]{x, y};
    }

    /** Two charts, one above the other, as one SVG document. */
    static byte[] stack(SvgChart top, SvgChart bottom) {
        String a = top.toSvg(), b = bottom.toSvg();
        Matcher ma = SIZE.matcher(a), mb = SIZE.matcher(b);
        if (!ma.find() || !mb.find()) {
            return a.getBytes(StandardCharsets.UTF_8);
        }
        int w = Math.max(Integer.parseInt(ma.group(1)), Integer.parseInt(mb.group(1)));
        int ha = Integer.parseInt(ma.group(2)), hb = Integer.parseInt(mb.group(2));
        String inner = a.substring(a.indexOf("<svg ")).replaceFirst("<svg ", "<svg x=\"0\" y=\"0\" ")
                + b.substring(b.indexOf("<svg ")).replaceFirst("<svg ", "<svg x=\"0\" y=\"" + ha + "\" ");
        return ("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + w + "\" height=\"" + (ha + hb)
                + "\" viewBox=\"0 0 " + w + " " + (ha + hb) + "\">" + inner + "</svg>")
                .getBytes(StandardCharsets.UTF_8);
    }
}
