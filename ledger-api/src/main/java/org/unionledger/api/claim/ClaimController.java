package org.unionledger.api.claim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.unionledger.api.idempotency.IdempotentCommandSender;
import org.unionledger.api.member.MemberDirectory;
import org.unionledger.api.security.Actor;
import org.unionledger.api.security.CurrentActor;
import org.unionledger.api.security.Roles;
import org.unionledger.api.security.ScopeGuard;
import org.unionledger.api.web.NotFound;
import org.unionledger.core.claim.Claim;
import org.unionledger.core.claim.ClaimCommands.AddClaimDocuments;
import org.unionledger.core.claim.ClaimCommands.ApprovalOutcome;
import org.unionledger.core.claim.ClaimCommands.RejectClaim;
import org.unionledger.core.claim.ClaimCommands.ReturnClaim;
import org.unionledger.core.claim.ClaimCosts;
import org.unionledger.core.claim.ClaimDocument;
import org.unionledger.core.claim.DocumentKind;
import org.unionledger.core.rule.BusinessRuleViolation;
import org.unionledger.projections.claim.ClaimQueries.ClaimQuery;
import org.unionledger.projections.claim.ClaimQueries.ClaimStatisticsQuery;
import org.unionledger.projections.claim.ClaimQueries.ClaimStatisticsView;
import org.unionledger.projections.claim.ClaimQueries.ClaimView;
import org.unionledger.projections.claim.ClaimQueries.MemberClaimsQuery;
import org.unionledger.projections.claim.ClaimQueries.MemberClaimsView;
import org.unionledger.projections.claim.ClaimQueries.ReviewQueueQuery;
import org.unionledger.projections.claim.ClaimQueries.ReviewQueueView;

/**
 * Mutual-aid claims. Submission is multipart: a JSON part "claim" and one file part per document,
 * named after its kind (APPLICATION_FORM, ID_CARD, DISCHARGE_SUMMARY, INVOICE, OTHER).
 *
 * <p>Scoping: a claim belongs to the organisation of the coverage it was submitted under. Staff act
 * only on claims of their organisation subtree (outside it a claim answers 404 CLAIM_MUST_EXIST, like
 * an unknown one); a member acts only on their own claims (403).
 */
@RestController
class ClaimController {

    static final String SUBMIT = "hasAnyRole('MEMBER','ADMIN','FINANCE_OFFICER','CLAIMS_REVIEWER','CASE_WORKER')";
    static final String REVIEW = "hasAnyRole('CLAIMS_REVIEWER')";
    static final String READ_CLAIMS = "hasAnyRole('ADMIN','FINANCE_OFFICER','CLAIMS_REVIEWER','CASE_WORKER','AUDITOR')";
    private static final ZoneId UNION_ZONE = ZoneId.of("Asia/Shanghai");

    private final Claims claims;
    private final ClaimDocumentStore documents;
    private final IdempotentCommandSender commands;
    private final QueryGateway queries;
    private final ScopeGuard scope;
    private final MemberDirectory members;

    ClaimController(Claims claims, ClaimDocumentStore documents, IdempotentCommandSender commands,
                    QueryGateway queries, ScopeGuard scope, MemberDirectory members) {
        this.claims = claims;
        this.documents = documents;
        this.commands = commands;
        this.queries = queries;
        this.scope = scope;
        this.members = members;
    }

    record ClaimRequest(@NotBlank @Size(max = 60) String claimId, @NotBlank @Size(max = 40) String poolId,
                        @NotBlank @Size(max = 30) String planCode, @NotBlank @Size(max = 100) String periodId,
                        @NotBlank @Size(max = 60) String memberId, LocalDate admissionDate, LocalDate dischargeDate,
                        LocalDate dateOfBirth, long totalCostFen, long insideScopeFen, long basicInsurancePaidFen,
                        @NotBlank @Size(max = 100) String invoiceNumber) {
    }

    record ClaimSubmitted(String claimId, String status, List<ClaimDocument> documents) {
    }

    @PostMapping(path = "/claims", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize(SUBMIT)
    @Operation(summary = "Submit a claim: JSON part 'claim' and one file part per document, named by its kind")
    ResponseEntity<ClaimSubmitted> submit(@Valid @RequestPart("claim") ClaimRequest request,
                                          MultipartHttpServletRequest multipart) {
        requireSelfOrStaff(request.memberId());
        List<ClaimDocument> stored = store(multipart);
        claims.submit(new Claims.Submission(request.claimId(), request.poolId(), request.planCode(),
                request.periodId(), request.memberId(), request.admissionDate(), request.dischargeDate(),
                request.dateOfBirth(), new ClaimCosts(request.totalCostFen(), request.insideScopeFen(),
                request.basicInsurancePaidFen()), request.invoiceNumber(), stored));
        return ResponseEntity.created(URI.create("/claims/" + request.claimId()))
                .body(new ClaimSubmitted(request.claimId(), "SUBMITTED", stored));
    }

    @PostMapping(path = "/claims/{claimId}/documents", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize(SUBMIT)
    @Operation(summary = "Add documents (resubmits a claim returned for documents)")
    ResponseEntity<List<ClaimDocument>> addDocuments(@PathVariable String claimId,
                                                     MultipartHttpServletRequest multipart) {
        requireClaim(claimId);
        List<ClaimDocument> stored = store(multipart);
        commands.sendPlain(new AddClaimDocuments(claimId, stored));
        return ResponseEntity.status(HttpStatus.CREATED).body(stored);
    }

    private List<ClaimDocument> store(MultipartHttpServletRequest multipart) {
        List<ClaimDocument> stored = new ArrayList<>();
        for (Map.Entry<String, List<MultipartFile>> part : multipart.getMultiFileMap().entrySet()) {
            DocumentKind kind;
            try {
                kind = DocumentKind.valueOf(part.getKey());
            } catch (IllegalArgumentException unknown) {
                throw new BusinessRuleViolation("DOCUMENT_KIND_MUST_BE_KNOWN", "file part " + part.getKey()
                        + " is not a document kind (APPLICATION_FORM, ID_CARD, DISCHARGE_SUMMARY, INVOICE, OTHER)");
            }
            for (MultipartFile file : part.getValue()) {
                BusinessRuleViolation.require(stored.size() < Claim.DOCUMENTS_MAX, "DOCUMENTS_MUST_NOT_EXCEED_LIMIT",
                        "a claim has at most " + Claim.DOCUMENTS_MAX + " documents");
                try {
                    stored.add(documents.store(kind, file.getBytes()));
                } catch (IOException failed) {
                    throw new UncheckedIOException(failed);
                }
            }
        }
        return stored;
    }

    record ApprovalRequest(@Min(1) Long amountFen, @Size(max = 500) String adjustmentReason) {
    }

    record ClaimChanged(String claimId, String result) {
    }

    @PostMapping("/claims/{claimId}/approvals")
    @PreAuthorize(REVIEW)
    @Operation(summary = "Approve (optionally another amount, with a reason); final approval holds the payout")
    ResponseEntity<ApprovalOutcome> approve(@PathVariable String claimId,
                                            @Valid @RequestBody(required = false) ApprovalRequest request) {
        requireClaim(claimId);
        ApprovalRequest body = request == null ? new ApprovalRequest(null, null) : request;
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(claims.approve(claimId, body.amountFen(), body.adjustmentReason()));
    }

    record RejectionRequest(@NotBlank @Size(max = 60) String reasonCode, @Size(max = 500) String note) {
    }

    @PostMapping("/claims/{claimId}/rejections")
    @PreAuthorize(REVIEW)
    ResponseEntity<ClaimChanged> reject(@PathVariable String claimId, @Valid @RequestBody RejectionRequest request) {
        requireClaim(claimId);
        commands.sendPlain(new RejectClaim(claimId, request.reasonCode(), request.note()));
        return ResponseEntity.status(HttpStatus.CREATED).body(new ClaimChanged(claimId, "REJECTED"));
    }

    record ReturnRequest(@Size(max = 5) List<DocumentKind> missingDocuments, @Size(max = 500) String note) {
    }

    @PostMapping("/claims/{claimId}/returns")
    @PreAuthorize(REVIEW)
    ResponseEntity<ClaimChanged> returnForDocuments(@PathVariable String claimId,
                                                    @Valid @RequestBody ReturnRequest request) {
        requireClaim(claimId);
        commands.sendPlain(new ReturnClaim(claimId, request.missingDocuments(), request.note()));
        return ResponseEntity.status(HttpStatus.CREATED).body(new ClaimChanged(claimId, "RETURNED"));
    }

    record CancellationRequest(@Size(max = 500) String reason) {
    }

    @PostMapping("/claims/{claimId}/cancellations")
    @PreAuthorize(SUBMIT)
    ResponseEntity<ClaimChanged> cancel(@PathVariable String claimId,
                                        @Valid @RequestBody(required = false) CancellationRequest request) {
        requireClaim(claimId);
        claims.cancel(claimId, request == null ? null : request.reason());
        return ResponseEntity.status(HttpStatus.CREATED).body(new ClaimChanged(claimId, "CANCELLED"));
    }

    @PostMapping("/claims/{claimId}/reservations")
    @PreAuthorize(Roles.MOVE_MONEY)
    @Operation(summary = "Hold the payout of a claim awaiting funds (422 BALANCE_MUST_COVER_RESERVATION if still short)")
    ResponseEntity<ClaimChanged> reserve(@PathVariable String claimId) {
        requireClaim(claimId);
        claims.reservePayout(claimId);
        return ResponseEntity.status(HttpStatus.CREATED).body(new ClaimChanged(claimId, "PAYOUT_RESERVED"));
    }

    record PaymentRequest(@NotBlank @Size(max = 100) String paymentReference, LocalDate paidOn) {
    }

    @PostMapping("/claims/{claimId}/payments")
    @PreAuthorize(Roles.MOVE_MONEY)
    @Operation(summary = "Pay an approved claim: disburses its reservation with the bank's payment reference")
    ResponseEntity<ClaimChanged> pay(@PathVariable String claimId, @Valid @RequestBody PaymentRequest request) {
        requireClaim(claimId);
        claims.pay(claimId, request.paymentReference(),
                request.paidOn() == null ? LocalDate.now(UNION_ZONE) : request.paidOn());
        return ResponseEntity.status(HttpStatus.CREATED).body(new ClaimChanged(claimId, "PAID"));
    }

    record PaymentReturnRequest(@NotBlank @Size(max = 100) String bankReference, LocalDate returnedOn) {
    }

    @PostMapping("/claims/{claimId}/payment-returns")
    @PreAuthorize(Roles.MOVE_MONEY)
    @Operation(summary = "The bank returned the payment: money back on the pool, payout held again for a new payment")
    ResponseEntity<ClaimChanged> paymentReturned(@PathVariable String claimId,
                                                 @Valid @RequestBody PaymentReturnRequest request) {
        requireClaim(claimId);
        claims.paymentReturned(claimId, request.bankReference(),
                request.returnedOn() == null ? LocalDate.now(UNION_ZONE) : request.returnedOn());
        return ResponseEntity.status(HttpStatus.CREATED).body(new ClaimChanged(claimId, "PAYOUT_RESERVED"));
    }

    @GetMapping("/claims/{claimId}")
    @PreAuthorize(SUBMIT + " or hasRole('AUDITOR')")
    ClaimView get(@PathVariable String claimId) {
        return scopedClaim(claimId);
    }

    @GetMapping("/claims/{claimId}/documents/{sha256}")
    @PreAuthorize(SUBMIT + " or hasRole('AUDITOR')")
    ResponseEntity<byte[]> document(@PathVariable String claimId, @PathVariable String sha256) {
        requireClaim(claimId);
        // Blobs are shared by content: only a document attached to this claim is served through it.
        var stored = documents.find(claimId, sha256).orElseThrow(() -> new NotFound("DOCUMENT_MUST_EXIST",
                "no document " + sha256 + " on claim " + claimId));
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(stored.mediaType())).body(stored.content());
    }

    @GetMapping("/members/{memberId}/claims")
    @PreAuthorize(SUBMIT + " or hasRole('AUDITOR')")
    MemberClaimsView memberClaims(@PathVariable String memberId) {
        requireSelfOrStaff(memberId);
        // As for the member's coverage: a member missing from the directory is outside every subtree.
        scope.requireMember(memberId, members.orgOf(memberId).orElse(null));
        return queries.query(new MemberClaimsQuery(memberId), ResponseTypes.instanceOf(MemberClaimsView.class)).join();
    }

    @GetMapping("/claims/review-queue")
    @PreAuthorize(READ_CLAIMS)
    @Operation(summary = "Claims waiting for a reviewer or the member, of an organisation and those below it "
            + "(orgId; by default the caller's own unless they see every organisation)")
    ReviewQueueView reviewQueue(@RequestParam(required = false) String orgId,
                                @RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit) {
        return queries.query(new ReviewQueueQuery(scope.orgFilter(orgId, "ORG_MUST_EXIST"), limit),
                ResponseTypes.instanceOf(ReviewQueueView.class)).join();
    }

    @GetMapping("/claims/statistics")
    @PreAuthorize(READ_CLAIMS)
    @Operation(summary = "Payouts and loss ratio of a pool's period, over the claims and coverage of an organisation "
            + "and those below it (orgId; by default the caller's own unless they see every organisation)")
    ClaimStatisticsView statistics(@RequestParam @NotNull String poolId, @RequestParam @NotNull String periodId,
                                   @RequestParam(required = false) String orgId) {
        return queries.query(new ClaimStatisticsQuery(poolId, periodId, scope.orgFilter(orgId, "ORG_MUST_EXIST")),
                ResponseTypes.instanceOf(ClaimStatisticsView.class)).join();
    }

    private ClaimView claim(String claimId) {
        ClaimView view = queries.query(new ClaimQuery(claimId), ResponseTypes.instanceOf(ClaimView.class)).join();
        if (view == null) {
            throw new NotFound("CLAIM_MUST_EXIST", "no claim " + claimId);
        }
        return view;
    }

    /**
     * A claim the request acts on. Staff who see every organisation skip the read model (a claim just
     * submitted may not be readable yet); anyone else is checked against the claim's row.
     */
    private void requireClaim(String claimId) {
        if (!isStaff(CurrentActor.get()) || !scope.seesAll()) {
            scopedClaim(claimId);
        }
    }

    /** The claim, answered like an unknown one to staff outside its organisation's subtree. */
    private ClaimView scopedClaim(String claimId) {
        ClaimView view = claim(claimId);
        requireSelfOrStaff(view.memberId());
        if (isStaff(CurrentActor.get())) {
            scope.requireObject(view.orgId(), "CLAIM_MUST_EXIST", "no claim " + claimId);
        }
        return view;
    }

    private static void requireSelfOrStaff(String memberId) {
        Actor actor = CurrentActor.get();
        if (!isStaff(actor) && !memberId.equals(actor.memberId())) {
            throw new AccessDeniedException("a member may only act on their own claims");
        }
    }

    private static boolean isStaff(Actor actor) {
        return actor.roles().stream().anyMatch(role -> !role.equals(Roles.MEMBER));
    }
}
