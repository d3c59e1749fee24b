import { AppError } from '../../shared/errors';
import type { Normalizers } from './normalizers';

const missing = (): never => {
  throw new AppError('INTERNAL', 'Row normalizers are not wired yet (shared/normalize).');
};

/** Wired to shared/normalize once it lands; until then the engine must be given normalizers. */
export const defaultNormalizers: Normalizers = { trades: missing, movements: missing, income: missing, balances: missing };
