package crux.moderation;

import org.junit.jupiter.api.BeforeAll;

/** {@link ThreadModerationJourney} with JavaScript on (htmx loaded: the moderator's forms still post plainly). */
class ThreadModerationIT extends ThreadModerationJourney {

    @BeforeAll
    static void startWithScript() {
        start(true);
    }

    @Override
    String name() {
        return "js";
    }
}
