package io.mlsyslab.network.wireless.sim;

import io.mlsyslab.contract.FieldErrorException;
import io.mlsyslab.network.wireless.phy.ModeTable;

/**
 * The slotted PHY: a slot of {@code symbolsPerSlot} symbols carries floor(R_n symbolsPerSlot / packetBits) packets
 * in mode n, all seeing the slot's SNR (block fading). The defaults (1080-bit packets as in LZG, 4320 symbols in 2 ms)
 * give whole packet counts 2, 4, 6, 9, 12, 18 for the LZG modes.
 *
 * @param ackSeconds time to learn an attempt's outcome after its slot, for deadline-aware retries and energy
 */
public record PhySpec(double slotSeconds, int symbolsPerSlot, int packetBits, ModeTable modes, double ackSeconds) {

    public static PhySpec defaults() {
        return new PhySpec(0.002, 4320, 1080, ModeTable.LZG, 0.0001);
    }

    public PhySpec {
        if (!(slotSeconds >= 1e-4 && slotSeconds <= 0.1)) {
            throw new FieldErrorException("slotSeconds", "must be in [1e-4, 0.1]");
        }
        if (symbolsPerSlot < 1 || symbolsPerSlot > 10_000_000) {
            throw new FieldErrorException("symbolsPerSlot", "must be in [1, 1e7]");
        }
        if (packetBits < 8 || packetBits > 1_000_000) {
            throw new FieldErrorException("packetBits", "must be in [8, 1e6]");
        }
        if (modes == null) {
            throw new FieldErrorException("modes", "must not be null");
        }
        if (!(ackSeconds >= 0 && ackSeconds <= slotSeconds)) {
            throw new FieldErrorException("ackSeconds", "must be in [0, slotSeconds]");
        }
        if (packetsPerSlot(modes, 0, symbolsPerSlot, packetBits) < 1) {
            throw new FieldErrorException("symbolsPerSlot", "the lowest mode must carry at least one packet per slot");
        }
    }

    private static int packetsPerSlot(ModeTable modes, int mode, int symbols, int bits) {
        return (int) Math.floor(modes.mode(mode).bitsPerSymbol() * symbols / bits + 1e-9);
    }

    public int packetsPerSlot(int mode) {
        return packetsPerSlot(modes, mode, symbolsPerSlot, packetBits);
    }

    public double symbolRate() {
        return symbolsPerSlot / slotSeconds;
    }

    /** Airtime of one packet in mode n (its share of the slot). */
    public double airtime(int mode) {
        return packetBits / (modes.mode(mode).bitsPerSymbol() * symbolRate());
    }
}
