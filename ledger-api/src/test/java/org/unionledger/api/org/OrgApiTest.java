package org.unionledger.api.org;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.unionledger.api.support.ApiTest;
import org.unionledger.api.support.LedgerHttp;

@ApiTest
class OrgApiTest {

    @LocalServerPort
    int port;

    private LedgerHttp admin;
    private String run;

    @BeforeEach
    void signIn() {
        admin = LedgerHttp.at(port).as("admin");
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    private LedgerHttp.Response register(String orgId, String level, String parent) {
        var body = new java.util.HashMap<String, Object>(Map.of("orgId", orgId, "name", "Org " + orgId,
                "level", level));
        if (parent != null) {
            body.put("parentOrgId", parent);
        }
        return admin.post("/orgs", body);
    }

    private void awaitOrg(String orgId) {
        await().atMost(Duration.ofSeconds(10)).until(() -> admin.get("/orgs/" + orgId).status() == 200);
    }

    @Test
    void buildsATreeAndListsASubtree() {
        assertThat(register("city-" + run, "CITY_FEDERATION", null).status(), equalTo(201));
        awaitOrg("city-" + run);
        assertThat(register("d-" + run, "DISTRICT", "city-" + run).status(), equalTo(201));
        awaitOrg("d-" + run);
        assertThat(register("g-" + run, "GRASSROOTS", "d-" + run).status(), equalTo(201));
        awaitOrg("g-" + run);

        JsonNode subtree = admin.get("/orgs/d-" + run + "/subtree").json();
        List<String> ids = new ArrayList<>();
        subtree.get("organisations").forEach(org -> ids.add(org.get("orgId").asText()));
        assertThat(ids, contains("d-" + run, "g-" + run));
        assertThat(admin.get("/orgs/g-" + run).json().get("path").toString(),
                equalTo("[\"city-" + run + "\",\"d-" + run + "\",\"g-" + run + "\"]"));
    }

    @Test
    void refusesAChildNotBelowItsParentAndAnUnknownParent() {
        register("city-" + run, "CITY_FEDERATION", null);
        awaitOrg("city-" + run);
        var sameLevel = register("c2-" + run, "CITY_FEDERATION", "city-" + run);
        assertThat(sameLevel.toString(), sameLevel.json().get("code").asText(),
                equalTo("CHILD_LEVEL_MUST_BE_BELOW_PARENT"));
        var orphan = register("d-" + run, "DISTRICT", "nowhere-" + run);
        assertThat(orphan.json().get("code").asText(), equalTo("PARENT_ORG_MUST_EXIST"));
        assertThat(admin.get("/orgs/nowhere-" + run).status(), equalTo(404));
    }

    @Test
    void importsACsvParentsBeforeChildrenWithAReportPerLine() {
        String csv = "orgId,name,level,parentOrgId\n"
                + "g-" + run + ",\"Plant union, No. 1\",GRASSROOTS,d-" + run + "\n"
                + "d-" + run + ",District,DISTRICT,city-" + run + "\n"
                + "city-" + run + ",City,CITY_FEDERATION,\n"
                + "bad-" + run + ",Bad,NO_SUCH_LEVEL,city-" + run + "\n"
                + "t-" + run + ",Township,TOWNSHIP,g-" + run + "\n";

        var report = admin.postFile("/org-imports", "file", "orgs.csv", csv);

        assertThat(report.toString(), report.status(), equalTo(200));
        JsonNode results = report.json().get("results");
        assertThat(results.get(0).get("status").asText(), equalTo("REGISTERED"));
        assertThat(results.get(1).get("status").asText(), equalTo("REGISTERED"));
        assertThat(results.get(2).get("status").asText(), equalTo("REGISTERED"));
        assertThat(results.get(3).get("code").asText(), equalTo("CSV_LINE_MALFORMED"));
        assertThat(results.get(4).get("code").asText(), equalTo("CHILD_LEVEL_MUST_BE_BELOW_PARENT"));
        awaitOrg("g-" + run);
        assertThat(admin.get("/orgs/g-" + run).json().get("name").asText(), equalTo("Plant union, No. 1"));

        var again = admin.postFile("/org-imports", "file", "orgs.csv", csv);
        assertThat(again.json().get("alreadyRegistered").asInt(), equalTo(3));
        assertThat(again.json().get("registered").asInt(), equalTo(0));
    }
}
