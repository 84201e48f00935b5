package cn.yinfeng;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import org.jspecify.annotations.NullMarked;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(YinfengApplication.class);

    @Test
    void modulesHaveNoCyclesAndUseOnlyEachOthersPublicTypes() {
        modules.verify();
    }

    /**
     * Each module names the modules it may use, so {@link #modulesHaveNoCyclesAndUseOnlyEachOthersPublicTypes} fails
     * on a new dependency nobody declared; and each package is null-marked (JSpecify).
     */
    @Test
    void everyModuleDeclaresItsDependenciesAndNullness() throws ClassNotFoundException {
        var undeclared = new ArrayList<String>();
        for (var module : modules) {
            String pkg = module.getBasePackage().getName();
            Class<?> info = Class.forName(pkg + ".package-info");
            ApplicationModule declared = info.getAnnotation(ApplicationModule.class);
            if (declared == null
                    || (declared.allowedDependencies().length == 1
                            && declared.allowedDependencies()[0].startsWith("¯"))) {
                undeclared.add(pkg + " has no allowedDependencies");
            }
            if (info.getAnnotation(NullMarked.class) == null) {
                undeclared.add(pkg + " is not @NullMarked");
            }
        }
        assertThat(undeclared).isEmpty();
        assertThat(modules.stream().count()).isGreaterThanOrEqualTo(16);
    }

    @Test
    void writesModuleDocumentation() {
        new Documenter(modules).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml();
    }
}
