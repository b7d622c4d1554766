package io.github.citusaudit.core;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import io.github.citusaudit.testing.LeastPrivilegeRoles;
import io.github.citusaudit.testing.PostgresTestSupport;

/** Tier 1: the audit under least-privilege roles on a real PostgreSQL. */
class RolesTest extends PostgresTestSupport {

    @Test
    void anOwnerWithoutSuperuserAppliesAndTheApplicationRoleWritesHistoryItCannotTouch() throws SQLException {
        LeastPrivilegeRoles roles = new LeastPrivilegeRoles(server.settings());
        roles.createRoles();
        roles.applyAsOwner(null);
        roles.grantTheApplicationItsTable();
        roles.writeAsTheApplication();
        roles.assertHistoryNamesTheRoleThatMadeEachChange();
        roles.assertTheApplicationCannotTouchHistory();
        roles.assertReadersReadHistoryOnly();
    }
}
