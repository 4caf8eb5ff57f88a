import { expect } from "chai";
import {
  builtInLayout,
  liftDocument,
  lowerToDocument,
  parseDefinitionFile,
  renderDefinitionFile,
} from "../../provider/salesforce/definition";
import {
  type DefinitionDocument,
  DefinitionFileError,
  parseDefinitionDocument,
  renderDefinitionDocument,
} from "../../provider/salesforce/definition-file";
import { settingsSchema } from "../../provider/salesforce/settings-schema";
import { CURRENT_FILE, ciscoFile, HISTORY_FILES } from "./support/fixtures";

/** The layout with every value blanked: rendering can only get its values from the typed settings. */
function withoutValues(layout: DefinitionDocument): DefinitionDocument {
  return {
    ...layout,
    sections: layout.sections.map((s) => ({ ...s, items: s.items.map((i) => ({ ...i, value: "" })) })),
  };
}

function flatten(doc: DefinitionDocument): string[] {
  return doc.sections.flatMap((s) =>
    s.items.map((i) => `${s.name}|${s.label}|${i.name}|${i.label}|${i.value}`),
  );
}

describe("Cisco's definition file: parse into settings and render back", () => {
  for (const file of [CURRENT_FILE, ...HISTORY_FILES]) {
    it(`gives ${file} back byte for byte, values coming from the typed settings`, () => {
      const xml = ciscoFile(file);
      const parsed = parseDefinitionFile(xml);
      const rendered = renderDefinitionFile(
        {
          internalName: parsed.internalName,
          displayName: parsed.displayName,
          adapterUrl: parsed.adapterUrl,
          settings: structuredClone(parsed.settings),
          extraSections: structuredClone(parsed.extraSections),
        },
        withoutValues(parsed.layout),
      );
      expect(rendered).to.equal(xml);
      expect(parsed.problems).to.deep.equal([]);
    });
  }

  it("reads every item of the current file into a typed setting, with real booleans, numbers and arrays", () => {
    const parsed = parseDefinitionFile(ciscoFile(CURRENT_FILE));
    expect(parsed.extraSections).to.deep.equal([]);
    expect(parsed.internalName).to.equal("WebexCCAgentDesktopV20241121");
    expect(parsed.adapterUrl).to.equal("https://desktop.wxcc-us1.cisco.com/");
    expect(parsed.settings.general).to.deep.equal({
      useCtiApi: true,
      softphoneHeight: 550,
      softphoneWidth: 500,
      compatibilityMode: "Lightning",
    });
    expect(parsed.settings.advancedScreenPop?.aniPrefixesToRemove).to.deep.equal(["+1", "+91"]);
    expect(parsed.settings.caseManagement?.fieldMappings).to.deep.equal([
      {
        cadVariable: "AccountId",
        salesforceField: "AccountId",
        defaultValueEnabled: false,
        conditionalEnabled: false,
      },
      {
        cadVariable: "ContactId",
        salesforceField: "ContactId",
        defaultValueEnabled: false,
        conditionalEnabled: false,
      },
    ]);
  });

  it("keeps the items older files have and Cisco dropped in extraSections", () => {
    const parsed = parseDefinitionFile(ciscoFile(HISTORY_FILES.find((f) => f.includes("2b20e02"))!));
    expect(parsed.extraSections.map((s) => [s.name, s.items.map((i) => i.name)])).to.deep.equal([
      ["reqOutDialConfig", ["reqIsOuDialPhonumberPrefixTobeRemoved"]],
      ["reqActivityRecordConfig", ["CadSalesforceFieldMapping"]],
    ]);
    // Items of the current schema that the 2022 file lacks stay unset, not defaulted.
    expect(parsed.settings.activityRecord).to.not.have.property("subjectTemplate");
    expect(parsed.settings.outdial).to.deep.equal({ prefixesToRemove: ["+"] });
  });

  it("renders Cisco's defaults as Cisco's current file (same sections, items, labels and values)", () => {
    const defaults = settingsSchema.parse({});
    const rendered = renderDefinitionFile({ settings: defaults, extraSections: [], ...topDefaults() });
    expect(flatten(parseDefinitionDocument(rendered))).to.deep.equal(
      flatten(parseDefinitionDocument(ciscoFile(CURRENT_FILE))),
    );
  });

  it("writes a changed value into the parsed layout and leaves every other byte alone", () => {
    const xml = ciscoFile(CURRENT_FILE);
    const parsed = parseDefinitionFile(xml);
    parsed.settings.general!.softphoneHeight = 700;
    const rendered = renderDefinitionFile(parsed, parsed.layout);
    expect(rendered).to.equal(xml.replace('label="Softphone Height">550<', 'label="Softphone Height">700<'));
  });

  it("escapes markup in values and labels and reads it back unchanged", () => {
    const doc = lowerToDocument({
      ...topDefaults(),
      settings: { activityRecord: { subjectTemplate: '{direction} <call> & "more"' } },
      extraSections: [
        { name: "extra", label: 'A "quoted" <label>', items: [{ name: "x", label: "a & b", value: "<&>" }] },
      ],
    });
    const xml = renderDefinitionDocument(doc);
    expect(xml).to.include('{direction} &lt;call&gt; &amp; "more"');
    const back = liftDocument(parseDefinitionDocument(xml));
    expect(back.settings.activityRecord?.subjectTemplate).to.equal('{direction} <call> & "more"');
    expect(back.extraSections).to.deep.equal([
      { name: "extra", label: 'A "quoted" <label>', items: [{ name: "x", label: "a & b", value: "<&>" }] },
    ]);
  });

  it("appends extra items to their section and new sections after the last, with sortOrder following order", () => {
    const xml = renderDefinitionFile({
      ...topDefaults(),
      settings: settingsSchema.parse({}),
      extraSections: [
        { name: "reqOutDialConfig", items: [{ name: "newOutdialItem", label: "New", value: "1" }] },
        { name: "futureSection", label: "Future", items: [{ name: "a", value: "b" }] },
      ],
    });
    const doc = parseDefinitionDocument(xml);
    const outdial = doc.sections.find((s) => s.name === "reqOutDialConfig")!;
    expect(outdial.items.map((i) => i.name)).to.deep.equal([
      "reqPrefixStringTobeRemoved",
      "reqIsOutDialAniToBeSet",
      "newOutdialItem",
    ]);
    expect(doc.sections.at(-1)).to.deep.include({ name: "futureSection", label: "Future" });
    expect(xml).to.include('<section sortOrder="7" name="futureSection" label="Future">');
    expect(xml).to.include('<item sortOrder="2" name="newOutdialItem" label="New">1</item>');
  });

  it("keeps an unparsable typed value in extraSections and reports it", () => {
    const xml = ciscoFile(CURRENT_FILE).replace(">550<", ">tall<");
    const parsed = parseDefinitionFile(xml);
    expect(parsed.problems).to.have.length(1);
    expect(parsed.problems[0]).to.include({ section: "reqGeneralInfo", item: "reqSoftphoneHeight" });
    expect(parsed.settings.general).to.not.have.property("softphoneHeight");
    expect(renderDefinitionFile(parsed, parsed.layout)).to.equal(xml);
  });

  describe("refuses malformed files with the line and what is wrong", () => {
    const cases: [string, string, RegExp][] = [
      [
        "a gap in sortOrder",
        ciscoFile(CURRENT_FILE).replace(
          'sortOrder="2" name="reqAdapterUrl"',
          'sortOrder="9" name="reqAdapterUrl"',
        ),
        /without gaps or duplicates.*found 3 where 2 was expected/,
      ],
      [
        "a duplicate item",
        ciscoFile(CURRENT_FILE).replace('name="reqUseApi"', 'name="reqAdapterUrl"'),
        /line 6.*duplicate item reqAdapterUrl/,
      ],
      [
        "an item without a name",
        '<callCenter><section sortOrder="0" name="s" label="S"><item sortOrder="0" label="x">1</item></section></callCenter>',
        /line 1.*no name attribute/,
      ],
      ["a wrong root", "<CallCenter/>", /root element must be <callCenter>/],
      [
        "an unknown entity",
        '<callCenter><section sortOrder="0" name="s" label="S"><item sortOrder="0" name="i" label="x">&nbsp;</item></section></callCenter>',
        /entity/,
      ],
      ["trailing content", `${ciscoFile(CURRENT_FILE)}<extra/>`, /after <\/callCenter>/],
    ];
    for (const [what, xml, message] of cases) {
      it(what, () => {
        expect(() => parseDefinitionDocument(xml)).to.throw(DefinitionFileError, message);
      });
    }
  });

  it("renders the built-in layout's labels exactly as Cisco wrote them (trailing space included)", () => {
    const item = builtInLayout().sections[1].items[1];
    expect(item).to.include({ name: "screenpopSearchParamCadName", label: "CAD Variable Name " });
  });
});

function topDefaults() {
  return {
    internalName: "WebexCCAgentDesktopV20241121",
    displayName: "Webex Contact Center Agent Desktop 2.0(Nov 2024)",
    adapterUrl: "https://desktop.wxcc-us1.cisco.com/",
  };
}
