package io.mlsyslab.network.wireless.phy;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.mlsyslab.contract.FieldErrorException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The AMC tables a client can name, with their wire names ({@code lzg}, {@code ieee80211ag}): the one vocabulary of
 * {@code modeTable} for the {@code wireless-crosslayer} run (whose schema lists these names) and the synchronous
 * simulation.
 */
public enum ModeTableName {
    LZG("lzg", ModeTable.LZG),
    IEEE_80211AG("ieee80211ag", ModeTable.IEEE_80211AG);

    private final String wireName;
    private final ModeTable table;

    ModeTableName(String wireName, ModeTable table) {
        this.wireName = wireName;
        this.table = table;
    }

    /** The name clients send and receive, e.g. {@code lzg}. */
    @JsonValue
    public String wireName() {
        return wireName;
    }

    public ModeTable table() {
        return table;
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(ModeTableName::wireName).toList();
    }

    /**
     * Binds a JSON name as {@link #parse} does; an unknown one is refused without a field, since the binder knows
     * where the value sits ({@code params.modeTable}).
     */
    @JsonCreator
    static ModeTableName fromJson(String name) {
        try {
            return parse(name);
        } catch (FieldErrorException e) {
            throw new IllegalArgumentException("unknown table '" + name + "', expected one of " + wireNames());
        }
    }

    /** The table of a wire name (case-insensitive); an unknown one is a 422 naming {@code modeTable}. */
    public static ModeTableName parse(String name) {
        String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.wireName.equals(wanted)).findFirst()
                .orElseThrow(() -> new FieldErrorException("modeTable", "unknown table '" + name + "' ("
                        + String.join(", ", wireNames()) + ")"));
    }
}
