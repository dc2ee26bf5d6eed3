/**
 * `npm run bench:calls` — the CPU floor of one Config call on our clients (not a test).
 *
 * bench:collect is bound by one event loop's CPU at 100 accounts × 2 regions; this isolates the part
 * that is the SDK's and the HTTP client's: 200 Config clients built by `createAwsClientFactory` (each
 * with its own credentials, signer and pacing middleware, as in batch mode) send
 * GetComplianceDetailsByConfigRule calls, one in flight per client, to a server in a child process that
 * answers with a canned page after a fixed latency (30 ms, as in bench:collect). No rate limit, no
 * simulator, none of batch mode's own work.
 * Each measurement runs in a fresh process (no JIT warmed by the other client), alternating
 * `undici` and `node` per round, and prints event-loop time and process CPU per call.
 *
 * Options: `--clients 200 --calls 45 --evaluations 9 --latency 30 --rounds 3`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { GetComplianceDetailsByConfigRuleCommand } from '@aws-sdk/client-config-service';
import type { HttpClientName } from '../src/aws/clientConfig.js';
import { createAwsClientFactory } from '../src/aws/clientFactory.js';
import { newCallStats } from '../src/aws/pacingPlugin.js';
import { TokenBucket } from '../src/aws/TokenBucket.js';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '200' },
    calls: { type: 'string', default: '45' },
    evaluations: { type: 'string', default: '9' },
    rounds: { type: 'string', default: '3' },
    latency: { type: 'string', default: '30' },
    serve: { type: 'boolean', default: false },
    measure: { type: 'string' },
    endpoint: { type: 'string' },
  },
});
const evaluations = Number(values.evaluations);
const latencyMs = Number(values.latency);

/** The child: answers every request with one page of `evaluations` results. */
function serve(): void {
  const page = Buffer.from(
    JSON.stringify({
      EvaluationResults: Array.from({ length: evaluations }, (_, i) => ({
        EvaluationResultIdentifier: {
          EvaluationResultQualifier: {
            ConfigRuleName: 'rule',
            ResourceType: 'AWS::S3::Bucket',
            ResourceId: `b-${i}`,
          },
          OrderingTimestamp: 1_764_000_000 + i,
        },
        ComplianceType: i % 3 ? 'COMPLIANT' : 'NON_COMPLIANT',
        ResultRecordedTime: 1_764_000_000.123,
        ConfigRuleInvokedTime: 1_764_000_000.5,
        ...(i % 3 ? {} : { Annotation: 'Bucket is not encrypted' }),
      })),
    }),
  );
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () =>
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1', 'content-length': page.length });
        res.end(page);
      }, latencyMs),
    );
  });
  server.listen(0, '127.0.0.1', () => console.log((server.address() as AddressInfo).port));
}

async function startServer(): Promise<{ child: ChildProcess; endpoint: string }> {
  const self = fileURLToPath(import.meta.url);
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      self,
      '--serve',
      '--evaluations',
      String(evaluations),
      '--latency',
      String(latencyMs),
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const port = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    child.stdout!.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
  });
  return { child, endpoint: `http://127.0.0.1:${port}` };
}

async function measure(endpoint: string, http: HttpClientName): Promise<string> {
  const factory = createAwsClientFactory({
    region: 'us-east-1',
    endpoints: { config: endpoint },
    maxAttempts: 3,
    configHttpClient: http,
  });
  const clients = Array.from({ length: Number(values.clients) }, (_, i) => {
    const identity = { accessKeyId: `AKIA${String(i).padStart(16, '0')}`, secretAccessKey: `secret-${i}` };
    return factory.config({
      region: i % 2 ? 'us-east-1' : 'eu-west-1',
      credentials: async () => identity,
      limiter: new TokenBucket({ ratePerSecond: 1e6, burst: 1e6 }),
      stats: newCallStats(),
    });
  });
  const run = (calls: number) =>
    Promise.all(
      clients.map(async (client) => {
        for (let k = 0; k < calls; k++) {
          const out = await client.send(
            new GetComplianceDetailsByConfigRuleCommand({ ConfigRuleName: 'rule', Limit: 100 }),
          );
          if (out.EvaluationResults?.length !== evaluations) throw new Error('short page');
        }
      }),
    );
  await run(3); // warm up: sockets, JIT, signing keys
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await run(Number(values.calls));
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  factory.destroy();
  const n = clients.length * Number(values.calls);
  const per = (ms: number) => `${(ms / n).toFixed(3)} ms`;
  return `${http.padEnd(7)} ${n} calls in ${(wall / 1000).toFixed(2)} s: event loop ${per(wall)} per call, process CPU ${per((cpu.user + cpu.system) / 1000)} per call`;
}

/** One measurement in a fresh process, so neither HTTP client runs on code the other warmed up. */
function measureInChild(endpoint: string, http: HttpClientName): Promise<string> {
  const self = fileURLToPath(import.meta.url);
  const args = ['--import', 'tsx', self, '--measure', http, '--endpoint', endpoint];
  for (const key of ['clients', 'calls', 'evaluations'] as const) args.push(`--${key}`, String(values[key]));
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'ignore'] });
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  return new Promise((resolve, reject) =>
    child.once('exit', (code) =>
      code === 0 ? resolve(out.trim()) : reject(new Error(`measurement exited with ${code}`)),
    ),
  );
}

async function main(): Promise<void> {
  const { child, endpoint } = await startServer();
  try {
    console.log(
      `${values.clients} clients × ${values.calls} calls, ${evaluations} evaluations per page, canned server, ${latencyMs} ms latency; each line a fresh process`,
    );
    for (let round = 0; round < Number(values.rounds); round++) {
      // Alternate the order, so neither client always runs first.
      const order: HttpClientName[] = round % 2 === 0 ? ['undici', 'node'] : ['node', 'undici'];
      for (const http of order) console.log(await measureInChild(endpoint, http));
    }
  } finally {
    child.kill();
  }
}

if (values.serve) serve();
else if (values.measure) console.log(await measure(values.endpoint!, values.measure as HttpClientName));
else await main();
