/**
 * The target's cron endpoints (contract §4.9), called with its CRON_SECRET as a bearer token
 * (docs/architecture.md#cron). The call goes through Node's fetch, not a Playwright request
 * context, so the secret reaches no trace; what is kept is the job, the status and the body.
 * A cron job works on every organization: a journey asserts on its own rows, never on the counters.
 */
import { REQUEST_ID_HEADER, type RequestTrail } from './requests.js';

export type CronJob = 'close-bid-windows';

export interface CronAnswer {
  job: CronJob;
  status: number;
  /** the parsed JSON body (null when it was not JSON) */
  body: unknown;
  requestId: string;
}

export class CronClient {
  /** private field: never part of a JSON dump or an inspected object */
  readonly #secret: string;

  constructor(
    private readonly baseUrl: string,
    secret: string,
    private readonly trail: RequestTrail,
  ) {
    this.#secret = secret;
  }

  async run(job: CronJob): Promise<CronAnswer> {
    const url = new URL(`/api/cron/${job}`, this.baseUrl).toString();
    const requestId = this.trail.id();
    const res = await fetch(url, { headers: { authorization: `Bearer ${this.#secret}`, [REQUEST_ID_HEADER]: requestId } });
    const text = await res.text();
    this.trail.note({ id: requestId, method: 'GET', url, kind: 'cron', status: res.status });
    let body: unknown = null;
    try {
      body = JSON.parse(text);
    } catch {
      body = { unparsed: text.slice(0, 500) };
    }
    return { job, status: res.status, body, requestId };
  }
}

/** What journeys call: each job as a step, its answer checked (STATE-004) and kept as evidence. */
export class Cron {
  constructor(
    private readonly client: CronClient,
    private readonly judge: (answer: CronAnswer) => Promise<void>,
  ) {}

  /** GET /api/cron/close-bid-windows: resolves every open window whose closing time has passed, in every org. */
  async closeBidWindows(): Promise<CronAnswer> {
    const answer = await this.client.run('close-bid-windows');
    await this.judge(answer);
    return answer;
  }
}
