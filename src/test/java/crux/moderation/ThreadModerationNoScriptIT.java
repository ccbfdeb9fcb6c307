package crux.moderation;

import org.junit.jupiter.api.BeforeAll;

/** {@link ThreadModerationJourney} with JavaScript off: the disclosure and the forms work without it. */
class ThreadModerationNoScriptIT extends ThreadModerationJourney {

    @BeforeAll
    static void startWithoutScript() {
        start(false);
    }

    @Override
    String name() {
        return "nojs";
    }
}
