import * as fs from "node:fs";
import * as path from "node:path";
import { expect } from "chai";
import { CATALOG } from "../../provider/salesforce/catalog";

const ROOT = path.resolve(__dirname, "../../..");

describe("the call-center definition's documentation", () => {
  const doc = fs.readFileSync(path.join(ROOT, "docs/resources/salesforce-call-center-definition.md"), "utf8");

  it("documents every setting with Cisco's item it maps to", () => {
    for (const section of CATALOG) {
      expect(doc).to.include(`\`settings.${section.group}\`: section \`${section.section}\``);
      for (const item of section.items) {
        const name = "top" in item.binding ? item.binding.top : item.binding.field;
        expect(doc, `${section.group}.${name}`).to.match(
          new RegExp(`\\| \`${name}\`.*\\| \`${item.item}\` `),
        );
      }
    }
  });
});
