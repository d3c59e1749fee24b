/**
 * The simulator in its own process (bench/memory.ts): its history (up to millions of trades) must
 * not count in the engine process's memory. argv[2] = SimulatorOptions as JSON. Prints
 * {"baseUrl": ...} once listening; exits when its stdin closes (the parent ended) or on SIGTERM.
 */
import { startSimulator, type SimulatorOptions } from '../simulator';

async function run(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as SimulatorOptions;
  const sim = await startSimulator(options);
  // The request log would grow with every page: the memory benchmark does not read it.
  console.log(JSON.stringify({ baseUrl: sim.baseUrl, trades: sim.state.history.trades.length }));
  const stop = (): void => {
    void sim.close().finally(() => process.exit(0));
  };
  process.stdin.on('end', stop);
  process.stdin.on('close', stop);
  process.stdin.resume();
  process.on('SIGTERM', stop);
}

run().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
