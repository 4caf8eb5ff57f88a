// Live traffic sharing each org's quota while the bench runs: what a customer's own tools (Control Hub, a
// flow designer, monitoring) send with the same integration. Each org gets a steady stream of connector
// list requests, sent on schedule whether or not earlier ones were answered, with a token obtained from the
// org's own refresh token before the bench starts measuring. The provider never lists connectors in these
// scenarios, so in the request log every list request is live traffic (checked at the end of the run).
import { refreshTokenGrant } from "./refresh-token-grant";
import type { BenchOrg } from "./world";

export interface LiveTrafficCounts {
  sent: number;
  answered: number;
  /** Refused with 429 because the org's quota was used up. */
  rateLimited: number;
  /** Answered with another status. */
  otherStatus: number;
  /** Never answered (the request may not have reached the server). */
  noResponse: number;
}

export class LiveTraffic {
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly pending = new Set<Promise<void>>();
  private readonly counts: LiveTrafficCounts = {
    sent: 0,
    answered: 0,
    rateLimited: 0,
    otherStatus: 0,
    noResponse: 0,
  };

  constructor(
    private readonly baseUrl: string,
    private readonly orgs: readonly BenchOrg[],
    /** Requests per org per minute; 0 sends nothing. */
    readonly ratePerMinute: number,
  ) {}

  /** Gets each org's token, then starts the streams, spread evenly so orgs do not send in lockstep. */
  async start(): Promise<void> {
    if (this.ratePerMinute <= 0) return;
    const tokens = await Promise.all(this.orgs.map((org) => this.token(org)));
    const intervalMs = 60_000 / this.ratePerMinute;
    this.orgs.forEach((org, i) => {
      const offset = (intervalMs * i) / this.orgs.length;
      const begin = setTimeout(() => {
        this.send(org, tokens[i]);
        this.timers.push(setInterval(() => this.send(org, tokens[i]), intervalMs));
      }, offset);
      this.timers.push(begin);
    });
  }

  /** Stops sending and waits for the requests still in flight. */
  async stop(): Promise<void> {
    for (const timer of this.timers) {
      clearTimeout(timer);
      clearInterval(timer);
    }
    this.timers.length = 0;
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  snapshot(): LiveTrafficCounts {
    return { ...this.counts };
  }

  private async token(org: BenchOrg): Promise<string> {
    try {
      return await refreshTokenGrant(this.baseUrl, org);
    } catch (error) {
      throw new Error(`live traffic: ${org.orgId}: ${(error as Error).message}`);
    }
  }

  private send(org: BenchOrg, token: string): void {
    this.counts.sent++;
    const request = (async () => {
      try {
        const response = await fetch(
          `${this.baseUrl}/organization/${encodeURIComponent(org.orgId)}/v2/connector?page=0&pageSize=10`,
          { headers: { authorization: `Bearer ${token}`, accept: "application/json" } },
        );
        await response.arrayBuffer();
        if (response.status === 429) this.counts.rateLimited++;
        else if (response.ok) this.counts.answered++;
        else this.counts.otherStatus++;
      } catch {
        this.counts.noResponse++;
      }
    })();
    this.pending.add(request);
    void request.then(() => this.pending.delete(request));
  }
}
