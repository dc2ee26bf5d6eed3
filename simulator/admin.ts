/**
 * `/_sim/*` admin endpoints (JSON, loopback only, no auth) so tools in other processes can read
 * truth and counters and change faults:
 *   GET  /_sim/health
 *   GET  /_sim/accounts
 *   GET  /_sim/counters[?account=<id>&region=<r>]
 *   POST /_sim/counters/reset
 *   GET  /_sim/ground-truth[?accounts=a,b&regions=r1,r2&ignoreFaults=1&roleName=r&externalId=x&day=n]
 *   GET  /_sim/day → {"day"}
 *   POST /_sim/advance   body {"days": n} → {"day"} (the day now served)
 *   POST /_sim/deny-role body {"accountId", "denied"?: true, "fromDay"?: n}
 *   POST /_sim/faults   body {"scope": FaultScope, "fault": FaultSpec}
 *   DELETE /_sim/faults
 *   GET  /_sim/sns/messages[?topic=<arn>]   DELETE /_sim/sns/messages (also forgets the events)
 *   POST /_sim/sns/topics   body {"name": "<topic>", "region"?: "<region>"} → {"arn"}
 *   GET  /_sim/events
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AdminHandler } from './http/server.js';
import type { FaultScope, FaultSpec, RunningSimulator } from './types.js';

function send(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** Sends what `make` returns, or a 400 with its error (bad JSON, a bad value). */
function answer(res: ServerResponse, make: () => unknown): void {
  try {
    send(res, 200, make());
  } catch (err) {
    send(res, 400, { error: err instanceof Error ? err.message : String(err) });
  }
}

function list(value: string | null): string[] | undefined {
  return value ? value.split(',').filter(Boolean) : undefined;
}

/** Builds the admin handler over the simulator's in-process API. */
export function createAdminHandler(sim: () => RunningSimulator): AdminHandler {
  return (req: IncomingMessage, body: Buffer, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const route = `${req.method} ${url.pathname}`;
    const q = url.searchParams;
    switch (route) {
      case 'GET /_sim/health':
        send(res, 200, { ok: true });
        return true;
      case 'GET /_sim/accounts':
        send(res, 200, sim().accounts());
        return true;
      case 'GET /_sim/counters': {
        const scope: { accountId?: string; region?: string } = {};
        const account = q.get('account');
        const region = q.get('region');
        if (account) scope.accountId = account;
        if (region) scope.region = region;
        send(res, 200, sim().counters(scope));
        return true;
      }
      case 'POST /_sim/counters/reset':
        sim().resetCounters();
        send(res, 200, { ok: true });
        return true;
      case 'GET /_sim/ground-truth': {
        const accountIds = list(q.get('accounts'));
        const regions = list(q.get('regions'));
        const roleName = q.get('roleName');
        const externalId = q.get('externalId');
        const day = q.get('day');
        answer(res, () =>
          sim().groundTruth({
            ...(accountIds ? { accountIds } : {}),
            ...(regions ? { regions } : {}),
            ...(roleName ? { roleName } : {}),
            // `externalId=` (empty) asks for the truth of a collector that presents none.
            ...(externalId !== null ? { externalId: externalId || undefined } : {}),
            ignoreFaults: q.get('ignoreFaults') === '1',
            ...(day ? { day: Number(day) } : {}),
          }),
        );
        return true;
      }
      case 'POST /_sim/faults': {
        try {
          const parsed = JSON.parse(body.toString('utf8')) as { scope?: FaultScope; fault?: FaultSpec };
          sim().setFault(parsed.scope ?? {}, parsed.fault ?? {});
          send(res, 200, { ok: true });
        } catch (err) {
          send(res, 400, { error: err instanceof Error ? err.message : String(err) });
        }
        return true;
      }
      case 'GET /_sim/day':
        send(res, 200, { day: sim().day() });
        return true;
      case 'POST /_sim/advance':
        answer(res, () => {
          const { days } = JSON.parse(body.toString('utf8')) as { days?: number };
          return { day: sim().advanceDays(days ?? 1) };
        });
        return true;
      case 'POST /_sim/deny-role':
        answer(res, () => {
          const parsed = JSON.parse(body.toString('utf8')) as {
            accountId?: string;
            denied?: boolean;
            fromDay?: number;
          };
          if (!parsed.accountId) throw new Error('accountId is required');
          sim().denyRole(parsed.accountId, parsed.denied ?? true, parsed.fromDay);
          return { ok: true };
        });
        return true;
      case 'DELETE /_sim/faults':
        sim().clearFaults();
        send(res, 200, { ok: true });
        return true;
      case 'GET /_sim/sns/messages':
        send(res, 200, sim().snsMessages(q.get('topic') ?? undefined));
        return true;
      case 'DELETE /_sim/sns/messages':
      case 'DELETE /_sim/events':
        sim().clearNotifications();
        send(res, 200, { ok: true });
        return true;
      case 'POST /_sim/sns/topics':
        try {
          const parsed = JSON.parse(body.toString('utf8')) as { name?: string; region?: string };
          send(res, 200, { arn: sim().createTopic(parsed.name ?? '', parsed.region) });
        } catch (err) {
          send(res, 400, { error: err instanceof Error ? err.message : String(err) });
        }
        return true;
      case 'GET /_sim/events':
        send(res, 200, sim().events());
        return true;
      default:
        return false;
    }
  };
}
