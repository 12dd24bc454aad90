package org.unionledger.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The write side knows Axon's modelling and nothing of Spring, SQL or HTTP (docs/ARCHITECTURE.md). */
class CoreIsFrameworkFreeTest {

    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.unionledger.core");
    }

    @Test
    void coreDoesNotDependOnSpring() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.springframework..").check(core);
    }

    @Test
    void coreDoesNotDependOnSqlOrJooq() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("org.jooq..", "java.sql..", "javax.sql..", "org.postgresql..").check(core);
    }

    @Test
    void coreDoesNotDependOnHttp() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("jakarta.servlet..", "java.net.http..").check(core);
    }

    @Test
    void moneyIsNeverBigDecimalOrFloatingPoint() {
        noClasses().should().dependOnClassesThat().haveFullyQualifiedName("java.math.BigDecimal").check(core);
    }
}
