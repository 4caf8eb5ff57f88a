// The only code that talks to a Salesforce org: REST (SOQL queries, User updates, the Metadata deploy
// request) and SOAP readMetadata, on a JWT bearer session. A session Salesforce calls invalid is replaced
// once and the call retried; every other refusal becomes a SalesforceError carrying Salesforce's code,
// text and a remediation hint, with secrets scrubbed.
import { restErrorHint, SalesforceDeployError, SalesforceError, scrub, scrubError } from "./errors";
import { cachedSession, invalidateSession, type JwtCredentials, type SalesforceSession } from "./jwt-bearer";
import { type CallCenterMetadata, parseReadMetadataResponse, renderReadMetadataRequest } from "./metadata";

export const API_VERSION = "62.0";
const DEFAULT_DEPLOY_TIMEOUT_SECONDS = 600;

export interface ClientOptions {
  apiVersion?: string;
  /** How long to wait for a deploy to finish; default WXCC_SALESFORCE_DEPLOY_TIMEOUT_SECONDS or 600 s. */
  deployTimeoutMs?: number;
  /** Delays between deploy status polls (the last one repeats). */
  pollDelaysMs?: number[];
}

interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
}

export interface DeployComponentFailure {
  fileName?: string;
  fullName?: string;
  componentType?: string;
  problem?: string;
  problemType?: string;
  lineNumber?: number | string;
}

export interface DeployOutcome {
  id: string;
  status: string;
}

export interface UserRecord {
  Id: string;
  Username: string;
  CallCenterId: string | null;
}

export interface CallCenterRecord {
  Id: string;
  InternalName: string;
  Name: string;
  AdapterUrl?: string | null;
}

/** Quotes a string for a SOQL literal. */
export function soqlString(value: string): string {
  return `'${value.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function seconds(ms: number): string {
  return ms < 10_000 ? (ms / 1000).toFixed(1) : String(Math.round(ms / 1000));
}

function deployTimeoutMs(): number {
  const env = Number(process.env.WXCC_SALESFORCE_DEPLOY_TIMEOUT_SECONDS);
  return (Number.isFinite(env) && env > 0 ? env : DEFAULT_DEPLOY_TIMEOUT_SECONDS) * 1000;
}

interface RestErrorEntry {
  message?: string;
  errorCode?: string;
  fields?: string[];
}

function parseRestErrors(text: string): RestErrorEntry[] {
  try {
    const body = JSON.parse(text) as unknown;
    const list = Array.isArray(body) ? body : [body];
    return list.filter((e): e is RestErrorEntry => typeof e === "object" && e !== null);
  } catch {
    return [];
  }
}

export class SalesforceClient {
  private session?: SalesforceSession;
  readonly apiVersion: string;

  constructor(
    private readonly creds: JwtCredentials,
    private readonly options: ClientOptions = {},
  ) {
    this.apiVersion = options.apiVersion ?? API_VERSION;
  }

  private secrets(): (string | undefined)[] {
    return [this.creds.privateKey, this.session?.accessToken];
  }

  /** The session in use (minting one if needed): its org id identifies the org. */
  async connect(): Promise<SalesforceSession> {
    this.session = await cachedSession(this.creds);
    return this.session;
  }

  private dataPath(path: string): string {
    return path.startsWith("/") ? path : `/services/data/v${this.apiVersion}/${path}`;
  }

  /** One HTTP exchange; a session refused as invalid is replaced once and the exchange repeated. */
  private async exchange(
    describe: string,
    send: (session: SalesforceSession) => Promise<Response>,
    sessionRefused: (r: RawResponse) => boolean,
  ): Promise<RawResponse> {
    for (let attempt = 0; ; attempt++) {
      const session = await this.connect();
      let res: Response;
      try {
        res = await send(session);
      } catch (e) {
        const cause = (e as { cause?: { message?: string } }).cause?.message ?? (e as Error).message;
        throw new SalesforceError(
          scrub(
            `${describe}: could not reach Salesforce at ${session.instanceUrl}: ${cause}`,
            this.secrets(),
          ),
          {
            hint: "Check the network path to the org's instance URL.",
          },
        );
      }
      const raw = { status: res.status, headers: res.headers, text: await res.text() };
      if (attempt === 0 && sessionRefused(raw)) {
        invalidateSession(this.creds, session);
        this.session = undefined;
        continue;
      }
      return raw;
    }
  }

  private restError(describe: string, raw: RawResponse): SalesforceError {
    const errors = parseRestErrors(raw.text);
    const first = errors[0];
    const code = first?.errorCode ?? `ERROR_HTTP_${raw.status}`;
    const messages = (
      errors.length > 0 ? errors.map((e) => e.message ?? e.errorCode).join("; ") : raw.text.slice(0, 300)
    ).replace(/\.+$/, "");
    const fields = errors.flatMap((e) => e.fields ?? []);
    const hint = restErrorHint(code, raw.status);
    const usage = raw.headers.get("sforce-limit-info");
    const text =
      `${describe} failed: HTTP ${raw.status} ${code}: ${messages}` +
      (fields.length > 0 ? ` (fields: ${fields.join(", ")})` : "") +
      (hint ? `. ${hint}` : "") +
      (code === "REQUEST_LIMIT_EXCEEDED" && usage ? ` Current usage: ${usage}.` : "");
    return new SalesforceError(scrub(text, this.secrets()), { status: raw.status, code, fields, hint });
  }

  /** A REST call under /services/data/vXX.X (or an absolute path on the instance); returns the parsed JSON. */
  async rest<T = unknown>(
    method: string,
    path: string,
    body?: { json: unknown } | { data: Uint8Array; contentType: string },
    describe = `Salesforce ${method} ${path.split("?")[0]}`,
  ): Promise<T> {
    try {
      const raw = await this.exchange(
        describe,
        (session) => {
          const headers: Record<string, string> = {
            authorization: `Bearer ${session.accessToken}`,
            accept: "application/json",
          };
          let payload: string | Blob | undefined;
          if (body && "json" in body) {
            headers["content-type"] = "application/json";
            payload = JSON.stringify(body.json);
          } else if (body) {
            headers["content-type"] = body.contentType;
            payload = new Blob([new Uint8Array(body.data)]);
          }
          return fetch(`${session.instanceUrl}${this.dataPath(path)}`, {
            method,
            headers,
            body: payload,
            signal: AbortSignal.timeout(120_000),
          });
        },
        // Every 401 means "get a new session", except the policy refusal that a new session cannot cure.
        (raw) => raw.status === 401 && !raw.text.includes("not valid for use with the REST API"),
      );
      if (raw.status >= 400) throw this.restError(describe, raw);
      return (raw.text === "" ? undefined : JSON.parse(raw.text)) as T;
    } catch (e) {
      throw scrubError(e, this.secrets());
    }
  }

  /** Runs a SOQL query and follows nextRecordsUrl to the end. */
  async query<T>(soql: string): Promise<T[]> {
    const records: T[] = [];
    let path: string | undefined = `query?q=${encodeURIComponent(soql)}`;
    while (path) {
      const page: { records: T[]; done: boolean; nextRecordsUrl?: string } = await this.rest(
        "GET",
        path,
        undefined,
        `Salesforce query "${soql}"`,
      );
      records.push(...page.records);
      path = page.done ? undefined : page.nextRecordsUrl;
    }
    return records;
  }

  async findCallCenter(internalName: string): Promise<CallCenterRecord | undefined> {
    const [found] = await this.query<CallCenterRecord>(
      `SELECT Id, InternalName, Name, AdapterUrl FROM CallCenter WHERE InternalName = ${soqlString(internalName)}`,
    );
    return found;
  }

  /** Every call center of the org, by internal name (adoption looks them up once per org). */
  async listCallCenters(): Promise<CallCenterRecord[]> {
    return this.query<CallCenterRecord>("SELECT Id, InternalName, Name, AdapterUrl FROM CallCenter");
  }

  /** Users by username (case-insensitive, as Salesforce compares them), in chunks that keep URLs short. */
  async findUsers(usernames: string[]): Promise<Map<string, UserRecord>> {
    const found = new Map<string, UserRecord>();
    for (let i = 0; i < usernames.length; i += 100) {
      const chunk = usernames.slice(i, i + 100);
      const rows = await this.query<UserRecord>(
        `SELECT Id, Username, CallCenterId FROM User WHERE Username IN (${chunk.map(soqlString).join(", ")})`,
      );
      for (const row of rows) found.set(row.Username.toLowerCase(), row);
    }
    return found;
  }

  async usersOfCallCenter(callCenterId: string): Promise<UserRecord[]> {
    return this.query<UserRecord>(
      `SELECT Id, Username, CallCenterId FROM User WHERE CallCenterId = ${soqlString(callCenterId)}`,
    );
  }

  async setUserCallCenter(user: UserRecord, callCenterId: string | null): Promise<void> {
    await this.rest(
      "PATCH",
      `sobjects/User/${encodeURIComponent(user.Id)}`,
      { json: { CallCenterId: callCenterId } },
      `Salesforce ${callCenterId ? "assigning" : "unassigning"} user ${user.Username} (User.CallCenterId)`,
    );
  }

  /** SOAP readMetadata of one CallCenter; undefined when the org has none by that name. */
  async readCallCenter(fullName: string): Promise<CallCenterMetadata | undefined> {
    const describe = `Salesforce readMetadata CallCenter ${fullName}`;
    try {
      const raw = await this.exchange(
        describe,
        (session) =>
          fetch(`${session.instanceUrl}/services/Soap/m/${this.apiVersion}`, {
            method: "POST",
            headers: { "content-type": "text/xml; charset=utf-8", soapaction: '""' },
            body: renderReadMetadataRequest(session.accessToken, [fullName]),
            signal: AbortSignal.timeout(120_000),
          }),
        (raw) => raw.status >= 400 && raw.text.includes("INVALID_SESSION_ID"),
      );
      const parsed = parseReadMetadataResponse(raw.text);
      if ("fault" in parsed) {
        const code = parsed.fault.faultcode.replace(/^\w+:/, "");
        const hint = restErrorHint(code, raw.status);
        throw new SalesforceError(
          scrub(
            `${describe} failed: ${code}: ${parsed.fault.faultstring}${hint ? `. ${hint}` : ""}`,
            this.secrets(),
          ),
          { status: raw.status, code, hint },
        );
      }
      if (raw.status >= 400) throw this.restError(describe, raw);
      return parsed.records.find((r) => r.fullName === fullName);
    } catch (e) {
      throw scrubError(e, this.secrets());
    }
  }

  /** Starts a Metadata API deploy of `zip` and waits, with a bounded wait, until it has finished. */
  async deploy(zip: Uint8Array, what: string): Promise<DeployOutcome> {
    const boundary = `----wxcc${Math.random().toString(16).slice(2)}`;
    const options = {
      deployOptions: { singlePackage: true, rollbackOnError: true, checkOnly: false, ignoreWarnings: false },
    };
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="json"\r\nContent-Type: application/json\r\n\r\n` +
        `${JSON.stringify(options)}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="deploy.zip"\r\nContent-Type: application/zip\r\n\r\n`,
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const started = await this.rest<{ id: string }>(
      "POST",
      "metadata/deployRequest",
      { data: Buffer.concat([head, zip, tail]), contentType: `multipart/form-data; boundary=${boundary}` },
      `Salesforce deploy of ${what}`,
    );
    const id = started.id;
    const deadline = Date.now() + (this.options.deployTimeoutMs ?? deployTimeoutMs());
    const delays = this.options.pollDelaysMs ?? [100, 200, 400, 800, 1500, 2000];
    for (let poll = 0; ; poll++) {
      const wait = delays[Math.min(poll, delays.length - 1)];
      if (Date.now() + wait > deadline) {
        throw new SalesforceDeployError(
          `Salesforce deploy ${id} of ${what} did not finish within ${seconds(this.options.deployTimeoutMs ?? deployTimeoutMs())} s. It may still complete: check Setup > Deployment Status, then run pulumi refresh and pulumi up (raise WXCC_SALESFORCE_DEPLOY_TIMEOUT_SECONDS to wait longer).`,
          { code: "DEPLOY_TIMEOUT" },
        );
      }
      await sleep(wait);
      const status = await this.rest<{ deployResult: DeployResultBody }>(
        "GET",
        `metadata/deployRequest/${encodeURIComponent(id)}?includeDetails=true`,
        undefined,
        `Salesforce deploy status of ${what}`,
      );
      const result = status.deployResult;
      if (!result?.done) continue;
      if (result.status === "Succeeded") return { id, status: result.status };
      throw deployFailure(id, what, result);
    }
  }
}

interface DeployResultBody {
  id?: string;
  done?: boolean;
  status?: string;
  success?: boolean;
  errorMessage?: string;
  errorStatusCode?: string;
  details?: { componentFailures?: DeployComponentFailure | DeployComponentFailure[] };
}

function deployFailure(id: string, what: string, result: DeployResultBody): SalesforceDeployError {
  const raw = result.details?.componentFailures;
  const failures = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  const lines = failures.map((f) => {
    const where = [f.componentType, f.fullName].filter(Boolean).join(" ");
    const file = f.fileName ? ` (${f.fileName}${f.lineNumber ? `, line ${f.lineNumber}` : ""})` : "";
    return `${where}${file}: ${f.problemType ?? "Error"}: ${f.problem ?? "no problem text"}`;
  });
  if (result.errorMessage) lines.push(`${result.errorStatusCode ?? "ERROR"}: ${result.errorMessage}`);
  return new SalesforceDeployError(
    `Salesforce deploy ${id} of ${what} ended ${result.status ?? "Failed"} and changed nothing (rolled back):\n  - ${lines.join("\n  - ") || "no component failures were reported"}`,
    { code: result.status ?? "Failed" },
  );
}
