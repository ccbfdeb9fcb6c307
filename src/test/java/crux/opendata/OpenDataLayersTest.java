package crux.opendata;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/** Open data's handlers keep to HTTP: every query is in a repository of the domain package. */
class OpenDataLayersTest {

    private static final JavaClasses OPEN_DATA = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("crux.opendata");

    private static ArchRule runsNoSql(String pkg) {
        return noClasses().that().resideInAPackage(pkg)
                .should().dependOnClassesThat().resideInAnyPackage("crux.db..", "org.jooq..")
                .because("handlers read the request and call a repository; the repository runs the SQL");
    }

    @Test
    void theHandlersImportNeitherTheDatabaseNorJooq() {
        assertThat(OPEN_DATA.stream().filter(c -> c.getPackageName().equals("crux.opendata.web")))
                .as("handlers were found").hasSizeGreaterThanOrEqualTo(2);
        runsNoSql("crux.opendata.web").check(OPEN_DATA);
    }

    @Test
    void theRuleCatchesAClassThatRunsSql() {
        assertThat(runsNoSql("crux.opendata").evaluate(OPEN_DATA).getFailureReport().getDetails())
                .anyMatch(line -> line.contains("OpenDataRepository") && line.contains("crux.db"))
                .anyMatch(line -> line.contains("MyDataRepository") && line.contains("crux.db"));
    }
}
