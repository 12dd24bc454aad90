package org.unionledger.projections.journal;

/**
 * One line of a journal entry. {@code amountFen} is positive for a debit and negative for a credit.
 * The account is {@code accountClass:fundId:accountPath}, e.g. {@code Assets:city-general:Cash:Available}.
 */
public record Posting(String accountClass, String accountPath, long amountFen) {

    public static Posting debit(String accountClass, String accountPath, long amountFen) {
        return new Posting(accountClass, accountPath, amountFen);
    }

    public static Posting credit(String accountClass, String accountPath, long amountFen) {
        return new Posting(accountClass, accountPath, Math.negateExact(amountFen));
    }
}
