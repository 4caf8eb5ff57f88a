// The zip files a Metadata API deploy takes: package.xml plus callCenters/<name>.callCenter to create or
// update, or an empty package.xml plus destructiveChanges.xml to delete. Entries carry a fixed timestamp so
// the same definition always makes the same bytes.
import { zipSync } from "fflate";
import {
  type CallCenterMetadata,
  renderCallCenterMetadata,
  renderDestructiveChangesXml,
  renderPackageXml,
} from "./metadata";

const FIXED_MTIME = new Date("2024-01-01T00:00:00Z");

function zip(files: Record<string, string>): Uint8Array {
  const entries: Record<string, [Uint8Array, { mtime: Date }]> = {};
  for (const [name, content] of Object.entries(files))
    entries[name] = [Buffer.from(content, "utf8"), { mtime: FIXED_MTIME }];
  return zipSync(entries);
}

export function upsertPackage(apiVersion: string, md: CallCenterMetadata): Uint8Array {
  return zip({
    "package.xml": renderPackageXml(apiVersion, [md.fullName]),
    [`callCenters/${md.fullName}.callCenter`]: renderCallCenterMetadata(md),
  });
}

export function deletePackage(apiVersion: string, fullName: string): Uint8Array {
  return zip({
    "package.xml": renderPackageXml(apiVersion, []),
    "destructiveChanges.xml": renderDestructiveChangesXml([fullName]),
  });
}
