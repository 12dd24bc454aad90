package org.unionledger.api.fund;

import java.net.URI;
import java.time.LocalDate;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.unionledger.api.idempotency.IdempotentCommandSender;
import org.unionledger.api.security.Roles;
import org.unionledger.api.security.ScopeGuard;
import org.unionledger.core.fund.FundCommands.DisburseReservation;
import org.unionledger.core.fund.FundCommands.ReserveFunds;
import org.unionledger.core.fund.ReservationPurpose;

/**
 * Money out of a fund by hand, in two phases: hold it (a reservation), then pay it out with the
 * bank's payment reference. Claims and grants normally do this through their process managers;
 * this is the finance officer's direct route. Both are idempotent on the client-chosen ids.
 */
@RestController
@RequestMapping("/funds/{fundId}/reservations")
@Tag(name = "Funds")
class FundPayoutController {

    private final IdempotentCommandSender commands;
    private final ScopeGuard scope;

    FundPayoutController(IdempotentCommandSender commands, ScopeGuard scope) {
        this.commands = commands;
        this.scope = scope;
    }

    @PostMapping
    @PreAuthorize(Roles.MOVE_MONEY)
    @Operation(summary = "Hold money for a payout; reservationId is chosen by the client")
    ResponseEntity<Reserved> reserve(@PathVariable String fundId, @Valid @RequestBody ReservationRequest request) {
        scope.requireFund(fundId);
        var outcome = commands.send(new ReserveFunds(fundId, request.reservationId(), request.amountFen(),
                        request.purpose(), request.reference()),
                "ReserveFunds:" + fundId + ":" + request.reservationId(), new KeyedReservation(fundId, request));
        return ResponseEntity.created(URI.create("/funds/" + fundId + "/reservations/" + request.reservationId()))
                .header("Idempotent-Replayed", String.valueOf(outcome.replayed()))
                .body(new Reserved(fundId, request.reservationId(), request.amountFen(), request.purpose(),
                        request.reference()));
    }

    @PostMapping("/{reservationId}/disbursements")
    @PreAuthorize(Roles.MOVE_MONEY)
    @Operation(summary = "Pay out a held reservation with the bank's payment reference; a retry changes nothing")
    ResponseEntity<Disbursed> disburse(@PathVariable String fundId, @PathVariable String reservationId,
                                       @Valid @RequestBody DisbursementRequest request) {
        scope.requireFund(fundId);
        LocalDate paidOn = request.paidOn() != null ? request.paidOn() : LedgerClock.today();
        var outcome = commands.send(new DisburseReservation(fundId, reservationId, request.paymentReference(), paidOn),
                "DisburseReservation:" + fundId + ":" + reservationId,
                new KeyedDisbursement(fundId, reservationId, request));
        return ResponseEntity.created(URI.create("/audit/payouts/" + reservationId + "/trace"))
                .header("Idempotent-Replayed", String.valueOf(outcome.replayed()))
                .body(new Disbursed(fundId, reservationId, request.paymentReference(), paidOn));
    }

    record ReservationRequest(@NotBlank @Size(max = 100) String reservationId, @NotNull Long amountFen,
                              @NotNull ReservationPurpose purpose, @Size(max = 200) String reference) {
    }

    record Reserved(String fundId, String reservationId, long amountFen, ReservationPurpose purpose,
                    String reference) {
    }

    record DisbursementRequest(@NotBlank @Size(max = 100) String paymentReference, LocalDate paidOn) {
    }

    record Disbursed(String fundId, String reservationId, String paymentReference, LocalDate paidOn) {
    }

    /** What the idempotency hash covers: the ids in the path and the body. */
    record KeyedReservation(String fundId, ReservationRequest body) {
    }

    record KeyedDisbursement(String fundId, String reservationId, DisbursementRequest body) {
    }
}
