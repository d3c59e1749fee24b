/**
 * Where an engine bench runs the exchange simulator. By default in a child process
 * (bench/sim-process.ts), as the exchange is remote to the app: building its JSON pages must not
 * take the engine's CPU. `--in-process` keeps it on the engine's thread (the old topology) for
 * comparison. Either way the bench reads it through the same SimControl methods.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { startSimulator, type SimulatorOptions } from '../simulator';
import { AppError } from '../shared/errors';
import { readStoreAnswer } from '../shared/store/protocol';
import { StoreCalls } from '../shared/store/storeCalls';
import { benchFile } from './lib';
import { SIM_CONTROL_METHODS, simControl, type SimControl } from './sim-control';

export interface SimHost extends SimControl {
  baseUrl: string;
  /** Where the simulator runs, for the bench's JSON line. */
  where: string;
  close(): Promise<void>;
}

export async function startInProcessSim(options: SimulatorOptions): Promise<SimHost> {
  const sim = await startSimulator(options);
  return { ...simControl(sim), baseUrl: sim.baseUrl, where: 'in-process', close: () => sim.close() };
}

/** The simulator in a child process; its control calls travel over the IPC channel (structured clone: Maps survive). */
export async function startChildSim(options: SimulatorOptions): Promise<SimHost> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', benchFile('sim-process.ts'), JSON.stringify(options)], {
    stdio: ['pipe', 'pipe', 'inherit', 'ipc'], serialization: 'advanced',
  });
  const first = await new Promise<string>((resolve, reject) => {
    const stdout = child.stdout;
    if (stdout === null) {
      reject(new Error('simulator process has no stdout'));
      return;
    }
    createInterface({ input: stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`simulator process exited with ${code ?? 'signal'}`)));
  });
  const { baseUrl } = JSON.parse(first) as { baseUrl: string };
  const calls = new StoreCalls<ChildProcess, keyof SimControl>(300_000);
  child.on('message', (message: unknown) => {
    const answer = readStoreAnswer(message);
    if (answer !== null) calls.settle(answer, child);
  });
  child.once('exit', () => calls.failAll({ code: 'INTERNAL', message: 'The simulator process ended.' }));
  const call = async <T>(method: keyof SimControl, args: unknown[] = []): Promise<T> => {
    const reply = await calls.start(method, args, child, (c) => child.send(c));
    if (!reply.ok) throw AppError.fromPayload(reply.error);
    return reply.value as T;
  };
  const control = Object.fromEntries(SIM_CONTROL_METHODS.map((m) => [m, (...args: unknown[]) => call(m, args)])) as unknown as SimControl;
  return {
    ...control, baseUrl, where: 'child process (bench/sim-process.ts)',
    close: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null) {
        resolve();
        return;
      }
      child.once('exit', () => resolve());
      child.stdin?.end();
      child.kill('SIGTERM');
    }),
  };
}
