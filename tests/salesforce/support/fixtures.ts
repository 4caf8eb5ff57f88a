import { generateKeyPairSync, type KeyObject } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";

// Compiled to dist/tests/salesforce/support: the fixtures stay in the source tree.
const FIXTURES = path.resolve(__dirname, "../../../../tests/fixtures/cisco");

export const CURRENT_FILE = "sfdc-callcenter-definition-file.xml";
export const HISTORY_FILES = fs.readdirSync(path.join(FIXTURES, "history")).map((f) => `history/${f}`);

export function ciscoFile(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), "utf8");
}

export interface TestKeys {
  privateKeyPem: string;
  publicKeyPem: string;
  publicKey: KeyObject;
}

const cache = new Map<string, TestKeys>();

/** An RSA key pair generated once per process and label. */
export function rsaKeys(label = "default", modulusLength = 2048): TestKeys {
  const key = `${label}/${modulusLength}`;
  let keys = cache.get(key);
  if (!keys) {
    const pair = generateKeyPairSync("rsa", { modulusLength });
    keys = {
      privateKeyPem: pair.privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
      publicKeyPem: pair.publicKey.export({ type: "spki", format: "pem" }).toString(),
      publicKey: pair.publicKey,
    };
    cache.set(key, keys);
  }
  return keys;
}
