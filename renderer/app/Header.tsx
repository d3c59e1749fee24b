import { useAppStore } from '../state/appStore';
import type { BridgeStatus } from '../bridge/api';

const BRIDGE_LABEL: Record<BridgeStatus, string> = {
  connected: 'Connected',
  connecting: 'Connecting…',
  disconnected: 'Reconnecting…',
  'no-host': 'No app core',
};

export function Header() {
  const bridge = useAppStore((s) => s.bridge);
  const info = useAppStore((s) => s.info);
  const running = useAppStore((s) => s.engine?.runningJobIds.length ?? 0);
  return (
    <header className="header">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">▲</span>
        <span className="brand-name">Tradelog</span>
        {info !== null && <span className="muted small" data-testid="app-version">v{info.version} · {info.host}</span>}
      </div>
      <div className="header-status">
        {running > 0 && <span className="pill pill-busy">Syncing {running}</span>}
        <span className={`pill pill-${bridge}`} data-testid="bridge-status" data-status={bridge}>{BRIDGE_LABEL[bridge]}</span>
      </div>
    </header>
  );
}
