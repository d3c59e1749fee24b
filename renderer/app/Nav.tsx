import { VIEWS } from '../state/uiStore';
import type { View } from '../state/uiStore';
import { useUiStore } from '../state/uiStore';

const LABEL: Record<View, string> = { accounts: 'Accounts', journal: 'Journal', coverage: 'Coverage', activity: 'Activity', settings: 'Settings' };

export function Nav() {
  const view = useUiStore((s) => s.view);
  return (
    <nav className="nav" aria-label="Sections">
      {VIEWS.map((v) => (
        <button key={v} type="button" className={v === view ? 'nav-item active' : 'nav-item'} aria-current={v === view ? 'page' : undefined} onClick={() => useUiStore.getState().setView(v)} data-testid={`nav-${v}`}>
          {LABEL[v]}
        </button>
      ))}
    </nav>
  );
}
