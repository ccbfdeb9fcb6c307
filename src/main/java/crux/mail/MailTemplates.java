package crux.mail;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.TemplateSpec;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.FileTemplateResolver;

/**
 * Writes mails from the templates in {@code templates/mail/}: {@code NAME.txt} (Thymeleaf's TEXT mode) for the text
 * part and {@code NAME.html} (HTML mode, so every value is escaped) for the HTML part. Every template gets
 * {@code base}, the public address links start with (CRUX_BASE_URL), so links in mail are absolute.
 */
public final class MailTemplates {

    private final TemplateEngine engine;
    private final Supplier<String> baseUrl;

    public MailTemplates(Path templatesDir, boolean cache, Supplier<String> baseUrl) {
        FileTemplateResolver resolver = new FileTemplateResolver();
        resolver.setPrefix(templatesDir.toAbsolutePath() + "/mail/");
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(cache);
        this.engine = new TemplateEngine();
        this.engine.setTemplateResolver(resolver);
        this.baseUrl = baseUrl;
    }

    /** The public address, without a trailing slash: links in mail start with it. */
    public String baseUrl() {
        return baseUrl.get();
    }

    /**
     * A mail of {@code kind} from the templates {@code kind.txt} and {@code kind.html}, with {@code model}; the
     * subject is the text template's first line ("Subject: …"), so each mail's words live in one place.
     */
    public Mail write(String kind, Long memberId, String to, Map<String, ?> model) {
        Context c = new Context(Locale.ENGLISH);
        Map<String, Object> vars = new HashMap<>(model);
        vars.put("base", baseUrl.get());
        c.setVariables(vars);
        String text = engine.process(new TemplateSpec(kind + ".txt", TemplateMode.TEXT), c);
        String html = engine.process(new TemplateSpec(kind + ".html", TemplateMode.HTML), c);
        if (!text.startsWith("Subject: ")) {
            throw new IllegalStateException("mail/" + kind + ".txt must start with a Subject: line");
        }
        int end = text.indexOf('\n');
        String subject = text.substring("Subject: ".length(), end).strip();
        String body = text.substring(end + 1).stripLeading();
        return new Mail(kind, memberId, to, subject, body, html, Map.of());
    }
}
