/**
 * The simulator in its own process, as the exchange is remote to the app: its history (up to
 * millions of trades) must not count in the engine process's memory (bench/memory.ts), nor its
 * CPU (building pages) in the engine's time (bench/sim-host.ts). argv[2] = SimulatorOptions as
 * JSON. Prints {"baseUrl": ...} once listening; exits when its stdin closes (the parent ended) or
 * on SIGTERM. Spawned with an IPC channel, it answers bench/sim-control.ts calls on it.
 */
import { startSimulator, type SimulatorOptions } from '../simulator';
import { answerPortCall, isStoreCall } from '../shared/store/protocol';
import { SIM_CONTROL_METHODS, simControl } from './sim-control';

async function run(): Promise<void> {
  const options = JSON.parse(process.argv[2] ?? '{}') as SimulatorOptions;
  const sim = await startSimulator(options);
  // The request log would grow with every page: the memory benchmark does not read it.
  console.log(JSON.stringify({ baseUrl: sim.baseUrl, trades: sim.state.history.trades.length }));
  const send = process.send?.bind(process);
  if (send !== undefined) {
    const control = simControl(sim);
    // The call/answer messages of shared/store/protocol.ts, over the IPC channel.
    process.on('message', (message: unknown) => {
      if (!isStoreCall(message)) return;
      void answerPortCall(control, SIM_CONTROL_METHODS, message).then((answer) => send(answer));
    });
  }
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
