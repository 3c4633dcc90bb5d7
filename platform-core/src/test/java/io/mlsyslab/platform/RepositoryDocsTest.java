package io.mlsyslab.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlsyslab.platform.test.arch.ModuleGraph;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The repository's documentation is self-contained: every relative link in every Markdown file (README, ARCHITECTURE,
 * BENCHMARKS, module docs) resolves to a file or directory inside the repository, so a fresh clone has no dead
 * links. Build output ({@code target/}), {@code node_modules/} and dot-directories are not scanned.
 */
class RepositoryDocsTest {

    /** Inline links and images {@code [text](target "title")} and reference definitions {@code [id]: target}. */
    private static final Pattern INLINE = Pattern.compile("!?\\[[^\\]]*\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern REFERENCE = Pattern.compile("(?m)^\\s{0,3}\\[[^\\]]+\\]:\\s*<?(\\S+?)>?(?:\\s|$)");
    private static final Pattern FENCE = Pattern.compile("(?ms)^\\s*```.*?^\\s*```");
    private static final Pattern CODE_SPAN = Pattern.compile("`[^`\\n]*`");

    @Test
    void everyRelativeLinkInTheMarkdownResolvesInsideTheRepository() throws IOException {
        Path root = ModuleGraph.repositoryRoot().toRealPath();
        List<Path> docs = markdownFiles(root);
        assertThat(docs).extracting(p -> root.relativize(p).toString())
                .contains("README.md", "ARCHITECTURE.md", "BENCHMARKS.md");
        List<String> dead = new ArrayList<>();
        int checked = 0;
        for (Path doc : docs) {
            for (String target : links(Files.readString(doc))) {
                if (target.matches("(?i)[a-z][a-z0-9+.-]*:.*") || target.startsWith("#")) {
                    continue; // http:, https:, mailto: and in-page anchors
                }
                checked++;
                String path = target.replaceFirst("[#?].*$", "");
                Path resolved = path.startsWith("/") ? Path.of(path) : doc.getParent().resolve(path).normalize();
                if (!resolved.startsWith(root)) {
                    dead.add(root.relativize(doc) + ": " + target + " points outside the repository");
                } else if (!Files.exists(resolved)) {
                    dead.add(root.relativize(doc) + ": " + target + " does not exist");
                }
            }
        }
        assertThat(dead).as("dead or outside links").isEmpty();
        assertThat(checked).as("relative links checked").isGreaterThan(10);
    }

    static List<String> links(String markdown) {
        String text = CODE_SPAN.matcher(FENCE.matcher(markdown).replaceAll("")).replaceAll("");
        List<String> out = new ArrayList<>();
        for (Pattern p : List.of(INLINE, REFERENCE)) {
            Matcher m = p.matcher(text);
            while (m.find()) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    @Test
    void linkExtractionSeesInlineAndReferenceLinksButNotCode() {
        assertThat(links("""
                See [the guide](docs/guide.md#setup "Guide") and ![chart](img/c.svg).
                [ref]: ../outside.md
                `[not](a-link.md)`
                ```
                [also not](code.md)
                ```
                """)).containsExactly("docs/guide.md#setup", "img/c.svg", "../outside.md");
    }

    private static List<Path> markdownFiles(Path root) throws IOException {
        List<Path> out = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                String name = dir.getFileName() == null ? "" : dir.getFileName().toString();
                boolean skip = !dir.equals(root)
                        && (name.equals("target") || name.equals("node_modules") || name.startsWith("."));
                return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (file.getFileName().toString().endsWith(".md")) {
                    out.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        out.sort(null);
        return out;
    }
}
