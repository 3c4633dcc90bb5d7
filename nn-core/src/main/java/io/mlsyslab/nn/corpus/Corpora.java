package io.mlsyslab.nn.corpus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/** Built-in text corpora shipped inside nn-core. */
public final class Corpora {
    /** Resource path of the King James Version excerpt. */
    public static final String KJV_RESOURCE = "/io/mlsyslab/nn/corpus/kjv-excerpt.txt.gz";
    /** Where the excerpt comes from and why it may be redistributed. */
    public static final String KJV_LICENCE = "King James Version (1611), first ~2 MB (Genesis onwards) of Debian's "
            + "bible-kjv-text package, verse numbers removed. The KJV text is in the public domain: its copyright "
            + "expired long ago (see /usr/share/doc/bible-kjv-text/copyright); the package's software is GPL-2+, "
            + "but only the text is used here. Rebuilt by nn-core/scripts/make_kjv_corpus.sh.";

    private static volatile String kjv;

    private Corpora() {
    }

    /** The KJV excerpt (about 2 MB of English, 72 distinct characters), loaded once and cached. */
    public static String kjvExcerpt() {
        String text = kjv;
        if (text == null) {
            try (InputStream in = Corpora.class.getResourceAsStream(KJV_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("corpus: resource " + KJV_RESOURCE + " is missing from nn-core");
                }
                text = new String(new GZIPInputStream(in).readAllBytes(), StandardCharsets.UTF_8);
                kjv = text;
            } catch (IOException e) {
                throw new UncheckedIOException("corpus: cannot read " + KJV_RESOURCE, e);
            }
        }
        return text;
    }
}
