import { expect } from "chai";
import { unzipSync } from "fflate";
import { lowerToDocument, parseDefinitionFile } from "../../provider/salesforce/definition";
import { deletePackage, upsertPackage } from "../../provider/salesforce/deploy-package";
import { scrub } from "../../provider/salesforce/errors";
import {
  documentToMetadata,
  metadataToDocument,
  parseReadMetadataResponse,
  renderCallCenterMetadata,
} from "../../provider/salesforce/metadata";
import { CURRENT_FILE, ciscoFile, rsaKeys } from "./support/fixtures";

/** The read response Salesforce would give for a deployed .callCenter file. */
function asReadResponse(callCenterXml: string, fullName: string): string {
  const body = callCenterXml
    .replace(/^<\?xml[^>]*>\s*/, "")
    .replace(/<CallCenter xmlns="[^"]*">/, `<records xsi:type="CallCenter"><fullName>${fullName}</fullName>`)
    .replace("</CallCenter>", "</records>");
  return `<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns="http://soap.sforce.com/2006/04/metadata" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Body><readMetadataResponse><result>${body}</result></readMetadataResponse></soapenv:Body></soapenv:Envelope>`;
}

describe("CallCenter metadata translation", () => {
  const parsed = parseDefinitionFile(ciscoFile(CURRENT_FILE));
  const doc = lowerToDocument(parsed);

  it("maps the internal and display names to fullName/displayName and their labels, keeping the rest as sections", () => {
    const md = documentToMetadata(doc);
    expect(md).to.deep.include({
      fullName: "WebexCCAgentDesktopV20241121",
      displayName: "Webex Contact Center Agent Desktop 2.0(Nov 2024)",
      displayNameLabel: "Display Name",
      internalNameLabel: "InternalName",
      adapterUrl: "https://desktop.wxcc-us1.cisco.com/",
    });
    expect(md.sections).to.have.length(7);
    expect(md.sections[0].items.map((i) => i.name)).to.not.include("reqInternalName");
    expect(JSON.parse(md.customSettings!)).to.have.keys(
      "reqUseApi",
      "reqSoftphoneHeight",
      "reqSoftphoneWidth",
      "reqSalesforceCompatibilityMode",
    );
  });

  it("reads what it deploys back into the same document (labels with trailing spaces and markup included)", () => {
    const md = documentToMetadata(doc);
    md.sections[1].items[1].value = 'a<b & "c"';
    const xml = renderCallCenterMetadata(md);
    const read = parseReadMetadataResponse(asReadResponse(xml, md.fullName));
    if ("fault" in read) throw new Error("unexpected fault");
    expect(read.records).to.have.length(1);
    expect(read.records[0]).to.deep.include({ fullName: md.fullName, displayName: md.displayName });
    const back = metadataToDocument(read.records[0]);
    expect(back.sections[1].items[1]).to.deep.equal({
      name: "screenpopSearchParamCadName",
      label: "CAD Variable Name ",
      value: 'a<b & "c"',
    });
    const original = metadataToDocument(md);
    expect(back.sections.map((s) => s.items.length)).to.deep.equal(
      original.sections.map((s) => s.items.length),
    );
    expect(back.sections[0].items.slice(0, 2).map((i) => i.name)).to.deep.equal([
      "reqInternalName",
      "reqDisplayName",
    ]);
  });

  it("treats an empty or nil record as not found and reports faults", () => {
    const empty = parseReadMetadataResponse(
      asReadResponse('<CallCenter xmlns="x"></CallCenter>', "").replace("<fullName></fullName>", ""),
    );
    expect(empty).to.deep.equal({ records: [] });
    const fault = parseReadMetadataResponse(
      '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><soapenv:Fault><faultcode>sf:INVALID_SESSION_ID</faultcode><faultstring>INVALID_SESSION_ID: bad</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>',
    );
    expect(fault).to.deep.equal({
      fault: { faultcode: "sf:INVALID_SESSION_ID", faultstring: "INVALID_SESSION_ID: bad" },
    });
  });

  it("zips package.xml and callCenters/<name>.callCenter, and a destructive manifest for deletion", () => {
    const md = documentToMetadata(doc);
    const files = unzipSync(upsertPackage("62.0", md));
    expect(Object.keys(files).sort()).to.deep.equal([
      "callCenters/WebexCCAgentDesktopV20241121.callCenter",
      "package.xml",
    ]);
    expect(Buffer.from(files["package.xml"]).toString()).to.include(
      "<members>WebexCCAgentDesktopV20241121</members>",
    );
    expect(Buffer.from(upsertPackage("62.0", md)).equals(Buffer.from(upsertPackage("62.0", md)))).to.equal(
      true,
    );
    const removal = unzipSync(deletePackage("62.0", md.fullName));
    expect(Buffer.from(removal["package.xml"]).toString()).to.not.include("<members>");
    expect(Buffer.from(removal["destructiveChanges.xml"]).toString()).to.include(
      "<members>WebexCCAgentDesktopV20241121</members>",
    );
  });
});

describe("scrubbing secrets from messages", () => {
  const pem = rsaKeys().privateKeyPem;
  const jwt = "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiIzTVZHOSJ9.c2lnbmF0dXJlLXNpZ25hdHVyZQ";
  const session = "00D5g000004XYZA!AQ8AQHxyzzy.abc_def-123";

  it("removes a known key (whole or line by line), JWTs, bearer tokens and session ids", () => {
    const line = pem.split("\n")[2];
    const text = `key ${pem} line ${line} jwt ${jwt} header Bearer abcdefghijklmnopqrstuvwxyz0123 session ${session}`;
    const clean = scrub(text, [pem]);
    expect(clean).to.not.include(line);
    expect(clean).to.not.include("PRIVATE KEY");
    expect(clean).to.not.include(jwt);
    expect(clean).to.not.include("abcdefghijklmnopqrstuvwxyz0123");
    expect(clean).to.not.include("AQ8AQHxyzzy");
  });

  it("leaves ordinary words alone", () => {
    const text = "Salesforce refused the JWT bearer login of a@b.com";
    expect(scrub(text, [pem])).to.equal(text);
  });
});
