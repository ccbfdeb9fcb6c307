package crux.archfixture;

import io.javalin.http.Context;

/** A domain class that reaches for HTTP: what ArchitectureTest must refuse. Test code only. */
final class ImportsJavalin {

    String path(Context ctx) {
        return ctx.path();
    }
}
