/**
 * Request ids (docs/architecture.md#controls): every request the suite makes carries an
 * `x-request-id` of its own, `dw.<run>.<scenario>.a<attempt>.c<NN>.<label>`, where NN is the
 * evidence record the request is written into and the label names the check (or, between checks,
 * the step) it was made for. An app engineer greps the server's logs for the id of a failure.
 *
 * Browser requests are stamped with the context's extra HTTP headers (changed at each check) and
 * read back from the request itself; API requests carry the header explicitly. Each evidence
 * record takes the requests seen since the record before it; what is left at the end of a test
 * is written to its own evidence file, so no request goes unrecorded.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Request } from '@playwright/test';
import { runDir } from './run.js';

export const REQUEST_ID_HEADER = 'x-request-id';

export interface RequestSeen {
  id: string | null;
  method: string;
  url: string;
  /** `document`, `fetch`, `script`… for browser requests; `api` for the suite's own API calls */
  kind: string;
  status?: number;
}

function slug(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'x';
}

/** The run-level id of a request made outside any journey's checks (launcher, test hooks, probes). */
export function runRequestId(label: string, runId = process.env.WITNESS_RUN_ID ?? 'norun'): string {
  return `dw.${runId}.run.${slug(label)}`;
}

/**
 * The header of a run-level request, recorded in `<run>/run-requests.jsonl` (the evidence of the
 * requests no check owns), so its id is found in the run's output like every other.
 */
export function runRequestHeaders(label: string, method: string, url: string): Record<string, string> {
  const id = runRequestId(label);
  if (!process.env.WITNESS_RUN_ID) return { [REQUEST_ID_HEADER]: id }; // not within a run (a self-test, pnpm target)
  try {
    const dir = runDir();
    fs.mkdirSync(dir, { recursive: true });
    fs.appendFileSync(path.join(dir, 'run-requests.jsonl'), `${JSON.stringify({ id, method, url, at: new Date().toISOString() })}\n`);
  } catch (e) {
    process.stderr.write(`[witness] could not record run-level request ${id}: ${(e as Error).message}\n`);
  }
  return { [REQUEST_ID_HEADER]: id };
}

export class RequestTrail {
  private label = 'start';
  private record = 1;
  private readonly contexts = new Set<BrowserContext>();
  private readonly seen: Promise<RequestSeen>[] = [];

  constructor(
    private readonly runId: string,
    private readonly scenarioId: string,
    private readonly attempt: number,
  ) {}

  /** The id the next request gets. */
  id(): string {
    return `dw.${this.runId}.${this.scenarioId}.a${this.attempt}.c${String(this.record).padStart(2, '0')}.${this.label}`;
  }

  /** Name what the following requests are for; `record` is the evidence record they will land in. */
  async name(label: string, record: number): Promise<void> {
    this.label = slug(label);
    this.record = record;
    const headers = { [REQUEST_ID_HEADER]: this.id() };
    await Promise.all([...this.contexts].map((c) => c.setExtraHTTPHeaders(headers).catch((e: Error) => this.contexts.delete(c) && e)));
  }

  /** Stamp and watch a browser context's requests. */
  async attach(context: BrowserContext): Promise<void> {
    this.contexts.add(context);
    context.on('close', () => this.contexts.delete(context));
    context.on('request', (r: Request) => {
      // The provisional headers already hold the stamp: read them at once, since a request the page
      // drops as it navigates can no longer answer `headerValue`.
      const stamped = r.headers()[REQUEST_ID_HEADER];
      if (stamped) {
        this.seen.push(Promise.resolve({ id: stamped, method: r.method(), url: r.url(), kind: r.resourceType() }));
        return;
      }
      this.seen.push(
        r.headerValue(REQUEST_ID_HEADER).then(
          (id) => ({ id, method: r.method(), url: r.url(), kind: r.resourceType() }),
          () => ({ id: null, method: r.method(), url: r.url(), kind: r.resourceType() }),
        ),
      );
    });
    await context.setExtraHTTPHeaders({ [REQUEST_ID_HEADER]: this.id() });
  }

  /** An API request the suite made itself (the header was set by the caller). */
  note(r: RequestSeen): void {
    this.seen.push(Promise.resolve(r));
  }

  /** The requests seen since the last take. */
  async take(): Promise<RequestSeen[]> {
    const batch = this.seen.splice(0, this.seen.length);
    return Promise.all(batch);
  }

  /** Write what no evidence record took (requests after the last check) next to the evidence. */
  async flush(file: string): Promise<string | null> {
    const rest = await this.take();
    if (!rest.length) return null;
    fs.writeFileSync(file, JSON.stringify({ scenarioId: this.scenarioId, note: 'requests made after the last evidence record of the attempt', requests: rest }, null, 2));
    return file;
  }
}
