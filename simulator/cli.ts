import { DEMO_CREDENTIALS, startSimulator } from './server';
import { demoSimulatorOptions } from './demo';

/**
 * `npm run exchange-sim [-- --port 8123 --seed 7 --latency 50]`: the demo exchange as a standalone
 * server, for trying the app's "Advanced: API base URL" by hand.
 */
function flag(name: string): number | undefined {
  const i = process.argv.indexOf(`--${name}`);
  const raw = i >= 0 ? process.argv[i + 1] : undefined;
  const n = raw === undefined ? Number.NaN : Number(raw);
  return Number.isFinite(n) ? n : undefined;
}

async function main(): Promise<void> {
  const base = demoSimulatorOptions();
  const seed = flag('seed');
  const sim = await startSimulator({
    ...base,
    port: flag('port') ?? 0,
    latencyMs: flag('latency') ?? base.latencyMs ?? 0,
    history: { ...base.history, ...(seed === undefined ? {} : { seed }) },
  });
  const truth = sim.groundTruth();
  process.stdout.write([
    `Exchange simulator listening on ${sim.baseUrl}`,
    `  Binance paths: /api/v3/*, /fapi/v1/*, /sapi/v1/*    Bybit v5 paths: /v5/*`,
    `  API key:    ${DEMO_CREDENTIALS.apiKey}`,
    `  API secret: ${DEMO_CREDENTIALS.secret}   (a demo secret, not a real one)`,
    `  History: ${truth.trades.length} trades, ${truth.income.length} income rows, ${truth.movements.length} deposits/withdrawals`,
    'Press Ctrl+C to stop.',
    '',
  ].join('\n'));
  const stop = (): void => {
    void sim.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
