package io.mlsyslab.analytics.kde;

import com.fasterxml.jackson.annotation.JsonValue;
import io.mlsyslab.contract.FieldErrorException;
import java.util.Locale;

/** The kernels by the names clients use. */
public enum KernelType {
    GAUSSIAN("gaussian"),
    EPANECHNIKOV("epanechnikov"),
    STUDENT_T("student-t");

    private final String wireName;

    KernelType(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** "gaussian" (also "normal"), "epanechnikov", "student-t" (also "student_t", "t"); unknown names are a 400. */
    public static KernelType parse(String name) {
        if (name == null) {
            return GAUSSIAN;
        }
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "gaussian", "normal" -> GAUSSIAN;
            case "epanechnikov" -> EPANECHNIKOV;
            case "student-t", "student_t", "t" -> STUDENT_T;
            default -> throw FieldErrorException.invalid("kernel",
                    "unknown kernel '" + name + "' (gaussian, epanechnikov, student-t)");
        };
    }

    /** The kernel; {@code degreesOfFreedom} matters only to Student-t (default 5). */
    public Kernel create(Double degreesOfFreedom) {
        return switch (this) {
            case GAUSSIAN -> new Kernel.Gaussian();
            case EPANECHNIKOV -> new Kernel.Epanechnikov();
            case STUDENT_T -> new Kernel.StudentT(degreesOfFreedom == null ? 5.0 : degreesOfFreedom);
        };
    }
}
