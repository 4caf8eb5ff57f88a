// Binding a flow's connector references: every copy is rewritten (process and diagram, main and event
// flows, the name companions, the text-to-speech group), and reading a live flow back undoes it.
import { expect } from "chai";
import {
  bind,
  boundActivities,
  changedActivities,
  connectorActivities,
  occurrences,
  unbind,
} from "../../provider/flow/document";
import { CISCO_CONNECTOR_ID, ciscoFlow, countConnector } from "./support";

const NEW_ID = "9a05e3c1-0000-4000-8000-000000000001";

/** Cisco's flow as a newer export writes it: the connector name beside each id, and a Google TTS group. */
function newerExport(): Record<string, unknown> {
  const doc = ciscoFlow();
  const text = JSON.stringify(doc).replace(
    /"connectorId":"9b04cc45-e715-45e4-a568-4635a88494f9"/g,
    `"connectorId":"${CISCO_CONNECTOR_ID}","connectorId:name":"Salesforce","connectorId_name":"Salesforce"`,
  );
  const newer = JSON.parse(text) as {
    process: { activities: Record<string, { properties: Record<string, unknown> }> };
  };
  const music = newer.process.activities["e0f4886c-3389-4975-826a-e158b058cd62"]!.properties;
  Object.assign(music, {
    connector: "5c1d2e3f-0000-4000-8000-00000000tts1",
    connector_name: "Google",
    "connector:name": "Google",
    connector_type: "GOOGLE",
    "connector:type": "GOOGLE",
  });
  return newer as unknown as Record<string, unknown>;
}

describe("flow documents: connector references", () => {
  it("finds Cisco's 4 HTTP activities, main and event flow, in 8 places; the null TTS connector is no reference", () => {
    const doc = ciscoFlow();
    const activities = connectorActivities(doc);
    expect(activities.map((a) => `${a.part}/${a.name}`)).to.deep.equal([
      "main/AccountByANI",
      "main/ContactByANI",
      "main/CasebyContactId",
      "GLOBAL_EVENTS/PostComment",
    ]);
    expect(occurrences(doc, activities)).to.equal(8);
  });

  it("rewrites all 8 occurrences of the id an older export carries, and nothing else", () => {
    const doc = ciscoFlow();
    const bound = bind(doc, "Lookup", { [CISCO_CONNECTOR_ID]: { id: NEW_ID } });
    expect(countConnector(bound, NEW_ID)).to.equal(8);
    expect(countConnector(bound, CISCO_CONNECTOR_ID)).to.equal(0);
    expect(bound.name).to.equal("Lookup");
    const back = JSON.parse(JSON.stringify(bound).split(NEW_ID).join(CISCO_CONNECTOR_ID));
    expect({ ...back, name: doc.name }).to.deep.equal(doc);
  });

  it("binds by the connector name a newer export carries, rewriting the name companions", () => {
    const doc = newerExport();
    expect(Object.keys(boundActivities(doc, ["Salesforce"]))).to.deep.equal(["Salesforce"]);
    expect(boundActivities(doc, ["Salesforce"]).Salesforce).to.have.length(4);
    const bound = bind(doc, "Lookup", { Salesforce: { id: NEW_ID, name: "crm-v2" } });
    expect(countConnector(bound, NEW_ID)).to.equal(8);
    const text = JSON.stringify(bound);
    expect(text.split('"connectorId:name":"crm-v2"').length - 1).to.equal(8);
    expect(text).to.not.include('"connectorId_name":"Salesforce"');
  });

  it("rewrites the five-key text-to-speech group", () => {
    const bound = bind(newerExport(), "Lookup", { Google: { id: NEW_ID, name: "Google-v2" } }) as {
      process: { activities: Record<string, { properties: Record<string, unknown> }> };
      diagram: { widgets: Record<string, { properties: Record<string, unknown> }> };
    };
    const music = bound.process.activities["e0f4886c-3389-4975-826a-e158b058cd62"]!.properties;
    expect(music).to.include({
      connector: NEW_ID,
      connector_name: "Google-v2",
      "connector:name": "Google-v2",
    });
    expect(music).to.include({ connector_type: "GOOGLE", "connector:type": "GOOGLE" });
    expect(bound.diagram.widgets["e0f4886c-3389-4975-826a-e158b058cd62"]!.properties.connector).to.equal(
      NEW_ID,
    );
  });

  it("reads a live flow back: the connector each activity points at, and the edits made in Flow Designer", () => {
    const doc = ciscoFlow();
    const live = bind(doc, String(doc.name), { [CISCO_CONNECTOR_ID]: { id: NEW_ID } }) as {
      process: { activities: Record<string, { properties: Record<string, unknown> }> };
    };
    live.process.activities["395af366-7d63-49f8-bfd4-5e588046510a"]!.properties.retryAttempts = "5";
    const { document, liveIds } = unbind(doc, live as never, [CISCO_CONNECTOR_ID]);
    expect(liveIds[CISCO_CONNECTOR_ID]!.map((l) => l.id)).to.deep.equal([NEW_ID, NEW_ID, NEW_ID, NEW_ID]);
    expect(countConnector(document, NEW_ID)).to.equal(0);
    expect(changedActivities(doc, document)).to.deep.equal(["AccountByANI: edited"]);
  });
});
