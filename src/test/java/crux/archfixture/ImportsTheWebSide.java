package crux.archfixture;

import crux.web.Paths;

/** A domain class that builds a URL itself: what ArchitectureTest must refuse. Test code only. */
final class ImportsTheWebSide {

    String item() {
        return Paths.INSTANCE.item(1);
    }
}
