package crux;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import crux.pages.ItemPageBuilder;
import crux.stances.StanceRepository;
import crux.stances.web.StanceHandlers;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layers, as the README draws them. Domain packages ({@code crux.<feature>} and {@code crux.core}) know nothing
 * of HTTP: no Javalin, Jetty or servlet types, and nothing from the web side ({@code crux.web}, any
 * {@code crux.<feature>.web}, {@code crux.pages}, the wiring in {@code crux}). No package takes part in a cycle, among
 * the features or anywhere else below {@code crux}. {@code crux.db} and its migrations depend on no other Crux
 * package. Each rule is also shown to catch a violation, in fixtures that live only among the tests.
 */
class ArchitectureTest {

    /** Packages on the web side of the line; every other {@code crux.x} is domain. */
    private static final Set<String> WEB_SIDE = Set.of("crux", "crux.web", "crux.pages");
    private static final Set<String> BELOW_FEATURES = Set.of("crux.db");
    /** {@code crux.<name>} and nothing deeper: a feature's domain package (or core). */
    private static final Pattern TOP_LEVEL = Pattern.compile("crux\\.[a-z]+");

    private static JavaClasses crux;

    @BeforeAll
    static void importMainClasses() {
        crux = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // jOOQ's generated classes refer to each other both ways by design; they are not ours to layer
                .withImportOption(location -> !location.contains("/crux/db/generated/"))
                .importPackages("crux");
    }

    static final DescribedPredicate<JavaClass> DOMAIN = DescribedPredicate.describe("reside in a domain package",
            c -> TOP_LEVEL.matcher(c.getPackageName()).matches()
                    && !WEB_SIDE.contains(c.getPackageName()) && !BELOW_FEATURES.contains(c.getPackageName()));

    static final DescribedPredicate<JavaClass> WEB = DescribedPredicate.describe("are on the web side",
            c -> WEB_SIDE.contains(c.getPackageName()) || c.getPackageName().endsWith(".web")
                    || c.getPackageName().contains(".web."));

    static final ArchRule DOMAIN_KNOWS_NO_HTTP = noClasses().that(DOMAIN)
            .should().dependOnClassesThat(WEB)
            .orShould().dependOnClassesThat().resideInAnyPackage("io.javalin..", "org.eclipse.jetty..", "jakarta.servlet..")
            .because("a feature's domain code is used by its web side, never the other way round");

    static final ArchRule NO_CYCLES = slices().matching("crux.(**)").should().beFreeOfCycles()
            .because("features depend on each other in one direction only");

    static final ArchRule DB_IMPORTS_NO_FEATURE = noClasses().that().resideInAPackage("crux.db..")
            .should().dependOnClassesThat(DescribedPredicate.describe("reside in another Crux package",
                    c -> c.getPackageName().equals("crux") || c.getPackageName().startsWith("crux.")
                            && !c.getPackageName().equals("crux.db") && !c.getPackageName().startsWith("crux.db.")))
            .because("the database layer and its migrations must not change when feature code does");

    @Test
    void domainPackagesImportNeitherTheWebSideNorJavalin() {
        assertThat(crux.that(DOMAIN)).as("domain classes were found").hasSizeGreaterThan(50);
        DOMAIN_KNOWS_NO_HTTP.check(crux);
    }

    @Test
    void noPackageTakesPartInACycle() {
        NO_CYCLES.check(crux);
    }

    @Test
    void theDatabaseLayerImportsNoFeature() {
        DB_IMPORTS_NO_FEATURE.check(crux);
    }

    @Test
    void theRulesCatchWhatTheyForbid() {
        JavaClasses fixtures = new ClassFileImporter().importPackages("crux.archfixture");
        // the fixture's "feature" crux.archfixture is nested one level deeper than real features: widen the predicate
        ArchRule domainRule = noClasses().that().resideInAPackage("crux.archfixture")
                .should().dependOnClassesThat(WEB)
                .orShould().dependOnClassesThat().resideInAnyPackage("io.javalin..");
        assertThat(domainRule.evaluate(fixtures).getFailureReport().getDetails())
                .anyMatch(line -> line.contains("ImportsJavalin") && line.contains("io.javalin"))
                .anyMatch(line -> line.contains("ImportsTheWebSide") && line.contains("Paths"));
        assertThat(slices().matching("crux.archfixture.(*)").should().beFreeOfCycles().evaluate(fixtures).hasViolation())
                .as("a cycle between two fixture packages is reported").isTrue();
        assertThat(DOMAIN.test(new ClassFileImporter().importClass(StanceRepository.class))).isTrue();
        assertThat(DOMAIN.test(new ClassFileImporter().importClass(StanceHandlers.class))).isFalse();
        assertThat(WEB.test(new ClassFileImporter().importClass(ItemPageBuilder.class))).isTrue();
    }
}
