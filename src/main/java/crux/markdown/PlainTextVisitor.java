package crux.markdown;

import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Block;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.HardLineBreak;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.HtmlInline;
import org.commonmark.node.IndentedCodeBlock;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;

/** Collects the text a reader sees, with a space wherever a block or line ends so words never run together. */
final class PlainTextVisitor extends AbstractVisitor {

    private final StringBuilder out;

    PlainTextVisitor(StringBuilder out) {
        this.out = out;
    }

    @Override
    protected void visitChildren(Node parent) {
        boolean block = parent instanceof Block;
        if (block) {
            out.append(' ');
        }
        super.visitChildren(parent);
        if (block) {
            out.append(' ');
        }
    }

    @Override
    public void visit(Text text) {
        out.append(text.getLiteral());
    }

    @Override
    public void visit(Code code) {
        out.append(code.getLiteral());
    }

    @Override
    public void visit(HtmlInline html) {
        out.append(html.getLiteral()); // escaped on the page, so it is text the reader sees
    }

    @Override
    public void visit(HtmlBlock html) {
        out.append(' ').append(html.getLiteral()).append(' ');
    }

    @Override
    public void visit(FencedCodeBlock code) {
        out.append(' ').append(code.getLiteral()).append(' ');
    }

    @Override
    public void visit(IndentedCodeBlock code) {
        out.append(' ').append(code.getLiteral()).append(' ');
    }

    @Override
    public void visit(SoftLineBreak lineBreak) {
        out.append(' ');
    }

    @Override
    public void visit(HardLineBreak lineBreak) {
        out.append(' ');
    }
}
