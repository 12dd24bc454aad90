package org.unionledger.api.member;

import static org.unionledger.projections.jooq.Tables.MEMBER_DIRECTORY;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.jooq.DSLContext;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.unionledger.core.member.NationalIdNumber;
import org.unionledger.core.rule.BusinessRuleViolation;

/** Reads and writes the member_directory table (plain jOOQ, not events: the data can be erased). */
@Component
public class MemberDirectory {

    private final DSLContext db;

    MemberDirectory(DSLContext db) {
        this.db = db;
    }

    /** Adds or corrects a member; the national ID number belongs to one member only. */
    void save(String memberId, String name, NationalIdNumber nationalId, String phone, String orgId, String by) {
        try {
            db.insertInto(MEMBER_DIRECTORY)
                    .set(MEMBER_DIRECTORY.MEMBER_ID, memberId)
                    .set(MEMBER_DIRECTORY.NAME, name)
                    .set(MEMBER_DIRECTORY.NATIONAL_ID, nationalId.value())
                    .set(MEMBER_DIRECTORY.PHONE, phone)
                    .set(MEMBER_DIRECTORY.GENDER, nationalId.gender().name())
                    .set(MEMBER_DIRECTORY.BIRTH_DATE, nationalId.birthDate())
                    .set(MEMBER_DIRECTORY.ORG_ID, orgId)
                    .set(MEMBER_DIRECTORY.UPDATED_AT, OffsetDateTime.now())
                    .set(MEMBER_DIRECTORY.UPDATED_BY, by)
                    .onConflict(MEMBER_DIRECTORY.MEMBER_ID).doUpdate()
                    .set(MEMBER_DIRECTORY.NAME, name)
                    .set(MEMBER_DIRECTORY.NATIONAL_ID, nationalId.value())
                    .set(MEMBER_DIRECTORY.PHONE, phone)
                    .set(MEMBER_DIRECTORY.GENDER, nationalId.gender().name())
                    .set(MEMBER_DIRECTORY.BIRTH_DATE, nationalId.birthDate())
                    .set(MEMBER_DIRECTORY.ORG_ID, orgId)
                    .set(MEMBER_DIRECTORY.UPDATED_AT, OffsetDateTime.now())
                    .set(MEMBER_DIRECTORY.UPDATED_BY, by)
                    .execute();
        } catch (DuplicateKeyException | org.jooq.exception.IntegrityConstraintViolationException taken) {
            throw new BusinessRuleViolation("NATIONAL_ID_MUST_BELONG_TO_ONE_MEMBER",
                    "another member is registered with this national ID number");
        }
    }

    Optional<Entry> find(String memberId) {
        return db.selectFrom(MEMBER_DIRECTORY).where(MEMBER_DIRECTORY.MEMBER_ID.eq(memberId)).fetchOptional()
                .map(row -> new Entry(row.getMemberId(), row.getName(), row.getNationalId(), row.getPhone(),
                        row.getGender(), row.getBirthDate(), row.getOrgId()));
    }

    /**
     * The member's organisation, for scoping other features' member data (claims). Reads that column
     * only: a portal read of a member's claims needs no personal data from the directory.
     */
    public Optional<String> orgOf(String memberId) {
        return db.select(MEMBER_DIRECTORY.ORG_ID).from(MEMBER_DIRECTORY)
                .where(MEMBER_DIRECTORY.MEMBER_ID.eq(memberId)).fetchOptional(MEMBER_DIRECTORY.ORG_ID);
    }

    /**
     * The organisation a request may record for a member (OWASP API3: a client must not place a
     * member in an organisation of its choosing). For a member in the directory it is the directory's
     * organisation: a request naming another one is refused (MEMBER_ORG_MUST_MATCH_DIRECTORY), a
     * request naming none gets the directory's. A member not in the directory keeps what was named.
     */
    public String orgFor(String memberId, String namedOrgId) {
        return orgFor(memberId, orgOf(memberId).orElse(null), namedOrgId);
    }

    /** The same rule for a member whose directory organisation is already known (null: not registered). */
    public static String orgFor(String memberId, String registeredOrgId, String namedOrgId) {
        if (registeredOrgId == null) {
            return namedOrgId;
        }
        BusinessRuleViolation.require(namedOrgId == null || namedOrgId.isBlank() || namedOrgId.equals(registeredOrgId),
                "MEMBER_ORG_MUST_MATCH_DIRECTORY", "member " + memberId + " belongs to " + registeredOrgId
                        + " in the member directory, not to " + namedOrgId);
        return registeredOrgId;
    }

    record Entry(String memberId, String name, String nationalId, String phone, String gender, LocalDate birthDate,
                 String orgId) {
    }
}
