package io.github.citusaudit.core;

import java.sql.SQLException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.citusaudit.render.TriggerMode;
import io.github.citusaudit.testing.CitusTestSupport;
import io.github.citusaudit.testing.LeastPrivilegeRoles;

/** Tier 2: the audit under least-privilege roles on a real Citus cluster. */
class CitusRolesTest extends CitusTestSupport {

    @ParameterizedTest
    @EnumSource(TriggerMode.class)
    void anOwnerWithoutSuperuserAppliesAndTheApplicationRoleWritesHistoryItCannotTouch(TriggerMode mode) throws SQLException {
        LeastPrivilegeRoles roles = new LeastPrivilegeRoles(cluster.coordinator());
        roles.createRoles();
        roles.applyAsOwner(mode);
        roles.grantTheApplicationItsTable();
        roles.writeAsTheApplication();
        roles.assertHistoryNamesTheRoleThatMadeEachChange();
        roles.assertTheApplicationCannotTouchHistory();
        roles.assertReadersReadHistoryOnly();
    }
}
