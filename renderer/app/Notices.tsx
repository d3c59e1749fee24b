import { useAppStore } from '../state/appStore';

export function Notices() {
  const notices = useAppStore((s) => s.notices);
  const dismiss = useAppStore((s) => s.dismissNotice);
  if (notices.length === 0) return null;
  return (
    <div className="notices" role="status">
      {notices.map((notice) => (
        <div key={notice.id} className={`notice notice-${notice.level}`} data-testid="notice">
          <span>{notice.message}</span>
          <button type="button" className="link" onClick={() => dismiss(notice.id)} aria-label="Dismiss">×</button>
        </div>
      ))}
    </div>
  );
}
