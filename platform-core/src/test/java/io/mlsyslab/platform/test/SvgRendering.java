package io.mlsyslab.platform.test;

import java.awt.geom.Rectangle2D;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.batik.anim.dom.SAXSVGDocumentFactory;
import org.apache.batik.bridge.BridgeContext;
import org.apache.batik.bridge.DocumentLoader;
import org.apache.batik.bridge.GVTBuilder;
import org.apache.batik.bridge.TextNode;
import org.apache.batik.bridge.UserAgentAdapter;
import org.apache.batik.gvt.CompositeGraphicsNode;
import org.apache.batik.gvt.GraphicsNode;
import org.apache.batik.transcoder.TranscoderInput;
import org.apache.batik.transcoder.TranscoderOutput;
import org.apache.batik.transcoder.image.PNGTranscoder;
import org.apache.batik.util.XMLResourceDescriptor;
import org.w3c.dom.svg.SVGDocument;

/**
 * Renders an SVG chart with Apache Batik (pure Java, the fonts of this machine) and reports where its text really
 * lands: every text node's bounding box in canvas coordinates, and a PNG of the whole chart. Test scope only: a
 * module using it adds {@code batik-transcoder} and {@code batik-codec} as test dependencies.
 */
public final class SvgRendering {

    /** One text element as drawn: its characters and its box on the canvas. */
    public record TextBox(String text, Rectangle2D bounds) {}

    /** The canvas size from the root element, the text boxes, and the rasterised image. */
    public record Rendered(double width, double height, List<TextBox> texts, byte[] png) {

        /** Texts whose box leaves the canvas (by more than half a pixel of antialiasing). */
        public List<TextBox> outside() {
            return texts.stream().filter(t -> t.bounds.getMinX() < -0.5 || t.bounds.getMinY() < -0.5
                    || t.bounds.getMaxX() > width + 0.5 || t.bounds.getMaxY() > height + 0.5).toList();
        }

        /** Pairs of texts whose boxes overlap by more than a pixel in both directions. */
        public List<String> overlaps() {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < texts.size(); i++) {
                for (int j = i + 1; j < texts.size(); j++) {
                    Rectangle2D a = texts.get(i).bounds;
                    Rectangle2D b = texts.get(j).bounds;
                    double w = Math.min(a.getMaxX(), b.getMaxX()) - Math.max(a.getMinX(), b.getMinX());
                    double h = Math.min(a.getMaxY(), b.getMaxY()) - Math.max(a.getMinY(), b.getMinY());
                    if (w > 1 && h > 1) {
                        out.add("'" + texts.get(i).text + "' " + a + " overlaps '" + texts.get(j).text + "' " + b);
                    }
                }
            }
            return out;
        }
    }

    private SvgRendering() {
    }

    public static Rendered render(String svg) {
        try {
            SAXSVGDocumentFactory factory = new SAXSVGDocumentFactory(XMLResourceDescriptor.getXMLParserClassName());
            SVGDocument doc = factory.createSVGDocument("file:/chart.svg", new StringReader(svg));
            UserAgentAdapter agent = new UserAgentAdapter();
            BridgeContext ctx = new BridgeContext(agent, new DocumentLoader(agent));
            ctx.setDynamicState(BridgeContext.STATIC);
            GraphicsNode root = new GVTBuilder().build(ctx, doc);
            List<TextBox> texts = new ArrayList<>();
            collect(root, texts);
            double width = Double.parseDouble(doc.getRootElement().getAttribute("width"));
            double height = Double.parseDouble(doc.getRootElement().getAttribute("height"));
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            new PNGTranscoder().transcode(new TranscoderInput(new StringReader(svg)), new TranscoderOutput(png));
            return new Rendered(width, height, texts, png.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (org.apache.batik.transcoder.TranscoderException e) {
            throw new IllegalStateException("cannot rasterise the chart", e);
        }
    }

    /** Renders and keeps the PNG under {@code target/charts/<name>.png} for a human look. */
    public static Rendered renderAndKeep(String svg, String name) {
        Rendered r = render(svg);
        try {
            Path dir = Path.of("target", "charts");
            Files.createDirectories(dir);
            Files.write(dir.resolve(name + ".png"), r.png());
            Files.writeString(dir.resolve(name + ".svg"), svg);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return r;
    }

    private static void collect(GraphicsNode node, List<TextBox> out) {
        if (node instanceof TextNode text) {
            Rectangle2D bounds = text.getBounds();
            if (bounds != null && !text.getText().isBlank()) {
                out.add(new TextBox(text.getText(),
                        text.getGlobalTransform().createTransformedShape(bounds).getBounds2D()));
            }
        } else if (node instanceof CompositeGraphicsNode composite) {
            for (Object child : composite.getChildren()) {
                collect((GraphicsNode) child, out);
            }
        }
    }
}
