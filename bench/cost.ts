// What each resource costs at rest: the provider text Pulumi serializes into its state (`__provider`), and
// its share of the state file as stored (secrets encrypted).
import type { Stack } from "../testing";
import { isSecret } from "../testing";

export interface ProviderTextCost {
  /** Per resource type: how many resources, how many distinct provider texts, and their sizes in bytes. */
  byType: Record<string, { resources: number; distinctTexts: number; bytes: number[] }>;
  maxBytes: number;
  /** Resources whose provider text is a secret (it would then have captured a secret). */
  secretTexts: number;
}

export interface StateCost {
  resources: number;
  fileBytes: number;
  meanBytesPerResource: number;
  maxBytesPerResource: number;
  /** Mean bytes per resource, per type. */
  meanByType: Record<string, number>;
}

const bytes = (text: string) => Buffer.byteLength(text, "utf8");

export function providerTextCost(stack: Stack): ProviderTextCost {
  const texts = new Map<string, { resources: number; texts: Set<string> }>();
  let secretTexts = 0;
  for (const resource of stack.resources()) {
    if (!resource.custom) continue;
    const raw = resource.inputs.__provider;
    if (isSecret(raw)) secretTexts++;
    const text = isSecret(raw) ? String((raw as { value?: unknown }).value) : String(raw);
    const entry = texts.get(resource.type) ?? { resources: 0, texts: new Set<string>() };
    entry.resources++;
    entry.texts.add(text);
    texts.set(resource.type, entry);
  }
  const byType: ProviderTextCost["byType"] = {};
  let maxBytes = 0;
  for (const [type, entry] of texts) {
    const sizes = [...entry.texts].map(bytes);
    maxBytes = Math.max(maxBytes, ...sizes);
    byType[type] = { resources: entry.resources, distinctTexts: entry.texts.size, bytes: sizes };
  }
  return { byType, maxBytes, secretTexts };
}

interface StoredFile {
  checkpoint?: { latest?: { resources?: Array<{ type?: string; custom?: boolean }> } };
}

export function stateCost(stack: Stack): StateCost {
  const raw = stack.rawState();
  if (raw === undefined) throw new Error("the stack has no state yet: run the rollout first");
  const stored = (JSON.parse(raw) as StoredFile).checkpoint?.latest?.resources ?? [];
  const resources = stored.filter((r) => r.custom && r.type?.startsWith("pulumi-nodejs:dynamic/"));
  const sizes = resources.map((r) => bytes(JSON.stringify(r)));
  const perType = new Map<string, number[]>();
  resources.forEach((r, i) => {
    const list = perType.get(r.type!) ?? [];
    list.push(sizes[i]);
    perType.set(r.type!, list);
  });
  const mean = (list: number[]) => (list.length === 0 ? 0 : list.reduce((a, b) => a + b, 0) / list.length);
  return {
    resources: resources.length,
    fileBytes: bytes(raw),
    meanBytesPerResource: mean(sizes),
    maxBytesPerResource: Math.max(0, ...sizes),
    meanByType: Object.fromEntries([...perType].map(([type, list]) => [type, mean(list)])),
  };
}
