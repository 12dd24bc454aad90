package org.unionledger.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The write side knows Axon's modelling and nothing of Spring, SQL or HTTP (docs/ARCHITECTURE.md). */
@AnalyzeClasses(packages = "org.unionledger.core", importOptions = ImportOption.DoNotIncludeTests.class)
class CoreIsFrameworkFreeTest {

    @ArchTest
    static final ArchRule noSpring = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("org.springframework..");

    @ArchTest
    static final ArchRule noSqlOrJooq = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("org.jooq..", "java.sql..", "javax.sql..", "org.postgresql..");

    @ArchTest
    static final ArchRule noHttp = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("jakarta.servlet..", "org.springframework.web..", "java.net.http..");

    @ArchTest
    static final ArchRule noFloatingPointMoney = noClasses().should().dependOnClassesThat()
            .haveFullyQualifiedName("java.math.BigDecimal");
}
