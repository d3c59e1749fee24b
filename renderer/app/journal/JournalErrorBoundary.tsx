import { Component } from 'react';
import type { ErrorInfo, ReactNode } from 'react';

interface State {
  error: string | null;
}

/**
 * useLiveQuery rethrows a failed query during render; this keeps such a failure inside the tab
 * (with a retry) instead of unmounting the whole app. `resetKey` (the tab) clears it on navigation.
 */
export class JournalErrorBoundary extends Component<{ children: ReactNode; resetKey: string }, State & { key: string }> {
  override state: State & { key: string } = { error: null, key: this.props.resetKey };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error.message : 'Something went wrong while reading the journal.' };
  }

  static getDerivedStateFromProps(props: { resetKey: string }, state: State & { key: string }): Partial<State & { key: string }> | null {
    return props.resetKey === state.key ? null : { error: null, key: props.resetKey };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('journal view failed', error, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.error === null) return this.props.children;
    return (
      <div className="card" role="alert" data-testid="journal-error">
        <p className="error">This part of the journal could not be shown: {this.state.error}</p>
        <button type="button" onClick={() => this.setState({ error: null })}>Try again</button>
      </div>
    );
  }
}
