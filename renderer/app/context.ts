import { createContext, useContext } from 'react';
import type { Booted } from './boot';

export const BootedContext = createContext<Booted | null>(null);

/** The connected API and the journal database; components render only after boot succeeded. */
export function useBooted(): Booted {
  const booted = useContext(BootedContext);
  if (booted === null) throw new Error('useBooted() used outside <BootedContext.Provider>');
  return booted;
}
