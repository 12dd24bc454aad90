package org.unionledger.projections.org;

import static org.unionledger.projections.jooq.Tables.ORG_TREE;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Component;
import org.unionledger.core.org.OrgEvents.OrganisationRegistered;
import org.unionledger.core.org.OrgLevel;
import org.unionledger.projections.jooq.tables.records.OrgTreeRecord;
import org.unionledger.projections.support.ProjectionGroups;

/**
 * The organisation tree with a materialised path per organisation ('/city/d-1/g-1/'): subtree
 * and "is X inside Y" are prefix questions. Parents are registered before their children (the
 * API looks the parent up first), so a child's path is its parent's path plus its own id.
 * Idempotent: a replayed registration changes nothing.
 */
@Component
@ProcessingGroup(OrgTreeProjection.PROCESSING_GROUP)
public class OrgTreeProjection {

    public static final String PROCESSING_GROUP = ProjectionGroups.MONEY_AND_CASES;

    private final DSLContext db;

    public OrgTreeProjection(DSLContext db) {
        this.db = db;
    }

    @EventHandler
    public void on(OrganisationRegistered event, @Timestamp Instant at) {
        String parentPath = event.parentOrgId() == null ? "/" : db.select(ORG_TREE.PATH).from(ORG_TREE)
                .where(ORG_TREE.ORG_ID.eq(event.parentOrgId())).fetchOptional(ORG_TREE.PATH)
                // A parent the tree does not know (it should not happen): hang the child at the top.
                .orElse("/" + event.parentOrgId() + "/");
        String path = parentPath + event.orgId() + "/";
        db.insertInto(ORG_TREE)
                .set(ORG_TREE.ORG_ID, event.orgId())
                .set(ORG_TREE.NAME, event.name())
                .set(ORG_TREE.LEVEL, event.level().name())
                .set(ORG_TREE.PARENT_ORG_ID, event.parentOrgId())
                .set(ORG_TREE.PATH, path)
                .set(ORG_TREE.DEPTH, (int) path.chars().filter(c -> c == '/').count() - 2)
                .set(ORG_TREE.REGISTERED_AT, at.atOffset(ZoneOffset.UTC))
                .onConflict(ORG_TREE.ORG_ID).doNothing()
                .execute();
    }

    @ResetHandler
    void reset() {
        db.truncate(ORG_TREE).execute();
    }

    @QueryHandler
    OrgView handle(OrgQuery query) {
        return db.selectFrom(ORG_TREE).where(ORG_TREE.ORG_ID.eq(query.orgId())).fetchOptional()
                .map(OrgTreeProjection::view).orElse(null);
    }

    @QueryHandler
    OrgSubtreeView handle(OrgSubtreeQuery query) {
        Optional<String> path = pathOf(query.orgId());
        if (path.isEmpty()) {
            return null;
        }
        int limit = Math.min(Math.max(query.limit(), 1), OrgSubtreeQuery.LIMIT_MAX);
        List<OrgView> rows = db.selectFrom(ORG_TREE).where(startsWith(ORG_TREE.PATH, path.get()))
                .orderBy(ORG_TREE.PATH).limit(limit + 1).fetch(OrgTreeProjection::view);
        boolean truncated = rows.size() > limit;
        return new OrgSubtreeView(query.orgId(), truncated ? rows.subList(0, limit) : rows, truncated);
    }

    @QueryHandler
    Boolean handle(OrgInSubtreeQuery query) {
        return isInSubtree(query.orgId(), query.ancestorOrgId());
    }

    /** True when orgId is ancestorOrgId itself or an organisation below it. */
    public boolean isInSubtree(String orgId, String ancestorOrgId) {
        Optional<String> ancestorPath = pathOf(ancestorOrgId);
        return ancestorPath.isPresent() && db.fetchExists(ORG_TREE,
                ORG_TREE.ORG_ID.eq(orgId).and(startsWith(ORG_TREE.PATH, ancestorPath.get())));
    }

    public Optional<String> pathOf(String orgId) {
        if (orgId == null) {
            return Optional.empty();
        }
        return db.select(ORG_TREE.PATH).from(ORG_TREE).where(ORG_TREE.ORG_ID.eq(orgId)).fetchOptional(ORG_TREE.PATH);
    }

    /** Prefix match without LIKE, so '_' in ids is no wildcard. */
    public static Condition startsWith(Field<String> path, String prefix) {
        return DSL.condition("starts_with({0}, {1})", path, DSL.val(prefix));
    }

    /** The ids on a path, from the root down to the organisation itself. */
    public static List<String> idsOnPath(String path) {
        return List.of(path.substring(1, path.length() - 1).split("/"));
    }

    private static OrgView view(OrgTreeRecord row) {
        return new OrgView(row.getOrgId(), row.getName(), OrgLevel.valueOf(row.getLevel()), row.getParentOrgId(),
                idsOnPath(row.getPath()), row.getDepth());
    }
}
