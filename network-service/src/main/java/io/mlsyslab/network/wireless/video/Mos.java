package io.mlsyslab.network.wireless.video;

import io.mlsyslab.contract.FieldErrorException;

/**
 * PSNR to MOS (the EvalVid-style table of the digest, section 2.7): >= 37 dB is 5, [31, 37) 4, [25, 31) 3,
 * [20, 25) 2, below 20 dB 1. Other tables circulate; this is the one the digest names first.
 */
public final class Mos {

    private Mos() {
    }

    public static int fromPsnr(double psnrDb) {
        if (psnrDb >= 37) {
            return 5;
        }
        if (psnrDb >= 31) {
            return 4;
        }
        if (psnrDb >= 25) {
            return 3;
        }
        if (psnrDb >= 20) {
            return 2;
        }
        return 1;
    }

    /** PSNR = 10 log10(255^2 / MSE) for 8-bit video, 100 dB when MSE = 0 (the libvpx convention). */
    public static double psnrFromMse(double mse) {
        if (!(mse >= 0)) {
            throw new FieldErrorException("mse", "must be >= 0");
        }
        return mse == 0 ? 100.0 : 10 * Math.log10(255.0 * 255.0 / mse);
    }
}
