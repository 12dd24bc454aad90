package org.unionledger.projections.journal;

import java.time.LocalDate;
import java.util.List;

/**
 * What one money event means in the books, before it is stored.
 *
 * @param sourceId      the fund's own id of the movement (contribution or reservation id)
 * @param bankReference what the bank statement shows for it (payment or contribution reference), or null
 * @param bankAmountFen the signed change of the fund's cash at bank (0 when no money crossed the bank)
 */
public record JournalEntryDraft(String fundId, String orgId, String eventType, LocalDate effectiveDate,
                                String sourceId, String description, String bankReference, long bankAmountFen,
                                List<Posting> postings) {

    public JournalEntryDraft {
        postings = List.copyOf(postings);
        long sum = 0;
        for (Posting posting : postings) {
            sum = Math.addExact(sum, posting.amountFen());
        }
        if (sum != 0 || postings.size() < 2) {
            throw new IllegalStateException("unbalanced journal entry for " + eventType + " " + sourceId + ": "
                    + postings);
        }
    }
}
