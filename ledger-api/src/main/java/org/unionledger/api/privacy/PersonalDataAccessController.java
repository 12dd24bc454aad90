package org.unionledger.api.privacy;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.unionledger.api.security.Roles;

/** Auditors see who read unmasked personal data, whose, and when. */
@RestController
@Tag(name = "Audit")
class PersonalDataAccessController {

    private final PersonalDataAccessLog log;
    private final org.unionledger.api.security.ScopeGuard scope;

    PersonalDataAccessController(PersonalDataAccessLog log, org.unionledger.api.security.ScopeGuard scope) {
        this.log = log;
        this.scope = scope;
    }

    @GetMapping("/audit/personal-data-access")
    @PreAuthorize(Roles.AUDIT)
    @Operation(summary = "Reads of unmasked personal data, newest first (who, role, member, fields, when, correlation "
            + "id); filters memberId, principal; limit at most " + PersonalDataAccessLog.PAGE_ROWS_MAX)
    List<PersonalDataAccessLog.Access> accesses(@RequestParam(required = false) String memberId,
                                                @RequestParam(required = false) String principal,
                                                @RequestParam(defaultValue = "100") int limit) {
        // The log names members of every organisation: only auditors who see the whole tree read it.
        if (!scope.seesAll()) {
            throw new org.springframework.security.access.AccessDeniedException(
                    "the personal data access log is read by auditors of the root organisation");
        }
        return log.list(memberId, principal, limit);
    }
}
