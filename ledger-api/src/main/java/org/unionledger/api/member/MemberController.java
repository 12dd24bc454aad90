package org.unionledger.api.member;

import java.net.URI;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.security.access.AccessDeniedException;
import org.unionledger.api.security.Actor;
import org.unionledger.api.security.CurrentActor;
import org.unionledger.api.privacy.PersonalDataAccessLog;
import org.unionledger.api.security.Roles;
import org.unionledger.api.security.ScopeGuard;
import org.springframework.web.bind.annotation.RequestParam;
import org.unionledger.api.web.NotFound;
import org.unionledger.core.member.NationalIdNumber;
import org.unionledger.core.rule.Ids;
import org.unionledger.projections.pool.PoolQueries.MemberCoverageQuery;
import org.unionledger.projections.pool.PoolQueries.MemberCoverageView;

/** The member directory (personal data, masked on reading) and a member's own coverage. */
@RestController
@RequestMapping("/members")
@Tag(name = "Members")
class MemberController {

    /** Staff who may register members and read the directory. */
    static final String MANAGE_MEMBERS = "hasAnyRole('ADMIN','FINANCE_OFFICER','CASE_WORKER')";
    /** Staff, or a member reading their own record (checked in the method). */
    static final String READ_MEMBER = "hasAnyRole('ADMIN','FINANCE_OFFICER','CLAIMS_REVIEWER','CASE_WORKER',"
            + "'AUDITOR','MEMBER')";

    /** Roles whose work needs the full national ID number and phone (asked for with ?unmasked=true). */
    static final String READ_UNMASKED = "hasAnyRole('ADMIN','CASE_WORKER')";

    private final MemberDirectory directory;
    private final QueryGateway queries;
    private final ScopeGuard scope;
    private final PersonalDataAccessLog accessLog;

    MemberController(MemberDirectory directory, QueryGateway queries, ScopeGuard scope,
                     PersonalDataAccessLog accessLog) {
        this.directory = directory;
        this.queries = queries;
        this.scope = scope;
        this.accessLog = accessLog;
    }

    @PostMapping
    @PreAuthorize(MANAGE_MEMBERS)
    @Operation(summary = "Register or correct a member; the national ID number is checked (GB 11643) and gives "
            + "gender and birth date")
    ResponseEntity<MaskedMember> register(@Valid @RequestBody MemberRequest request) {
        Ids.requireValid("memberId", request.memberId());
        Ids.requireValid("orgId", request.orgId());
        NationalIdNumber id = NationalIdNumber.parse(request.nationalId());
        scope.requireNamedOrg(request.orgId());
        directory.find(request.memberId()).ifPresent(known -> scope.requireNamedOrg(known.orgId()));
        directory.save(request.memberId(), request.name().strip(), id, request.phone(), request.orgId(),
                CurrentActor.get().principal());
        return ResponseEntity.created(URI.create("/members/" + request.memberId()))
                .body(masked(directory.find(request.memberId()).orElseThrow()));
    }

    @GetMapping("/{memberId}")
    @PreAuthorize(READ_MEMBER)
    @Operation(summary = "A member's directory entry, national ID number and phone masked. ADMIN and CASE_WORKER "
            + "may ask for them unmasked (unmasked=true); each such read is logged (GET /audit/personal-data-access)")
    MaskedMember member(@PathVariable String memberId, @RequestParam(defaultValue = "false") boolean unmasked) {
        requireSelfOrStaff(memberId);
        if (unmasked && !mayReadUnmasked()) {
            throw new AccessDeniedException("only ADMIN and CASE_WORKER may read unmasked personal data");
        }
        MemberDirectory.Entry entry = directory.find(memberId)
                .orElseThrow(() -> new NotFound("MEMBER_MUST_EXIST", "no member " + memberId));
        scope.requireMember(memberId, entry.orgId());
        MaskedMember masked = masked(entry);
        if (!unmasked) {
            return masked;
        }
        accessLog.recordRead(memberId, java.util.List.of("nationalId", "phone"));
        return masked.withUnmasked(entry.nationalId(), entry.phone());
    }

    private static boolean mayReadUnmasked() {
        Actor actor = CurrentActor.get();
        return actor.hasRole(Roles.ADMIN) || actor.hasRole(Roles.CASE_WORKER);
    }

    @GetMapping("/{memberId}/coverage")
    @PreAuthorize(READ_MEMBER)
    @Operation(summary = "A member's coverage: plans, periods, shares, who paid, when benefits start")
    MemberCoverageView coverage(@PathVariable String memberId) {
        requireSelfOrStaff(memberId);
        // A member missing from the directory has no organisation: outside every subtree.
        scope.requireMember(memberId, directory.find(memberId).map(MemberDirectory.Entry::orgId).orElse(null));
        return queries.query(new MemberCoverageQuery(memberId), ResponseTypes.instanceOf(MemberCoverageView.class))
                .join();
    }

    /** A MEMBER reads only their own data. */
    private static void requireSelfOrStaff(String memberId) {
        Actor actor = CurrentActor.get();
        boolean staff = actor.roles().stream().anyMatch(role -> !role.equals(Roles.MEMBER));
        if (!staff && !memberId.equals(actor.memberId())) {
            throw new AccessDeniedException("a member may only read their own data");
        }
    }

    static MaskedMember masked(MemberDirectory.Entry entry) {
        return new MaskedMember(entry.memberId(), entry.name(), new NationalIdNumber(entry.nationalId()).masked(),
                maskPhone(entry.phone()), entry.gender(), entry.birthDate().getYear(), entry.orgId(), null, null);
    }

    /** 13812345678 -> 138****5678. */
    static String maskPhone(String phone) {
        if (phone == null || phone.length() < 7) {
            return phone == null ? null : "*".repeat(phone.length());
        }
        return phone.substring(0, 3) + "*".repeat(phone.length() - 7) + phone.substring(phone.length() - 4);
    }

    record MemberRequest(@NotBlank @Size(max = 60) String memberId, @NotBlank @Size(max = 100) String name,
                         @NotBlank @Size(max = 18) String nationalId,
                         @Pattern(regexp = "\\+?[0-9]{5,15}") String phone, @NotBlank @Size(max = 100) String orgId) {
    }

    /**
     * What the API shows of a member: the ID number and phone are masked, birth year only. nationalId and
     * phone are present only in an unmasked (and logged) read.
     */
    record MaskedMember(String memberId, String name, String nationalIdMasked, String phoneMasked, String gender,
                        int birthYear, String orgId, String nationalId, String phone) {

        MaskedMember withUnmasked(String fullNationalId, String fullPhone) {
            return new MaskedMember(memberId, name, nationalIdMasked, phoneMasked, gender, birthYear, orgId,
                    fullNationalId, fullPhone);
        }
    }
}
