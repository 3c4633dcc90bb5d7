package io.mlsyslab.network.wireless.phy;

import io.mlsyslab.contract.FieldErrorException;
import java.util.List;

/** An AMC table ordered by rate; mode indices below are 0-based, mode "numbers" in the digest are 1-based. */
public record ModeTable(String name, List<Mode> modes) {

    /** Liu, Zhou and Giannakis (IEEE TWC 2004) six-mode table, packet of 1080 bits (digest section 2.3). */
    public static final ModeTable LZG = new ModeTable("lzg", List.of(
            new Mode("BPSK 1/2", 0.5, 274.7229, 7.9932),
            new Mode("QPSK 1/2", 1.0, 90.2514, 3.4998),
            new Mode("QPSK 3/4", 1.5, 67.6181, 1.6883),
            new Mode("16QAM 9/16", 2.25, 50.1222, 0.6644),
            new Mode("16QAM 3/4", 3.0, 53.3987, 0.3756),
            new Mode("64QAM 3/4", 4.5, 35.3508, 0.0900)));

    /**
     * The IEEE 802.11a/g rates whose modulation and code rate have a published LZG fit (both use the K = 7 rate-1/2
     * convolutional code and its punctured rates): 6, 12, 18, 36 and 54 Mb/s. Bits per symbol count per data
     * subcarrier (N_DBPS / 48). The 9, 24 and 48 Mb/s rates are left out because the digest gives no PER fit for
     * BPSK 3/4, 16QAM 1/2 or 64QAM 2/3 and the standard defines no SNR thresholds.
     */
    public static final ModeTable IEEE_80211AG = new ModeTable("ieee80211ag", List.of(
            new Mode("6 Mb/s BPSK 1/2", 24 / 48.0, 274.7229, 7.9932),
            new Mode("12 Mb/s QPSK 1/2", 48 / 48.0, 90.2514, 3.4998),
            new Mode("18 Mb/s QPSK 3/4", 72 / 48.0, 67.6181, 1.6883),
            new Mode("36 Mb/s 16QAM 3/4", 144 / 48.0, 53.3987, 0.3756),
            new Mode("54 Mb/s 64QAM 3/4", 216 / 48.0, 35.3508, 0.0900)));

    public ModeTable {
        if (modes == null || modes.isEmpty()) {
            throw new FieldErrorException("modes", "must not be empty");
        }
        modes = List.copyOf(modes);
        for (int i = 1; i < modes.size(); i++) {
            if (!(modes.get(i).bitsPerSymbol() > modes.get(i - 1).bitsPerSymbol())) {
                throw new FieldErrorException("modes", "must be ordered by increasing bitsPerSymbol");
            }
        }
    }

    /** The table of a wire name ({@link ModeTableName}); an unknown one is a 422 naming {@code modeTable}. */
    public static ModeTable named(String name) {
        return ModeTableName.parse(name).table();
    }

    public int size() {
        return modes.size();
    }

    public Mode mode(int index) {
        return modes.get(index);
    }

    /** Highest mode whose threshold for P0 is at or below the SNR; -1 when even the first is not (no transmission). */
    public int selectByThreshold(double snrLinear, double targetPer) {
        for (int n = modes.size() - 1; n >= 0; n--) {
            if (snrLinear >= modes.get(n).thresholdSnr(targetPer)) {
                return n;
            }
        }
        return -1;
    }
}
