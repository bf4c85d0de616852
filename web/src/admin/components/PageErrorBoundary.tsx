import { Component, type ReactNode } from 'react';

interface State {
  failed: boolean;
}

/**
 * If a page fails to render (unexpected data from the server), the rest of the control center
 * keeps working: the page says so instead of the whole screen going blank. A new page (a new
 * `key`) starts afresh.
 */
export class PageErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <div className="notice error" role="alert">
        <p>This page could not be shown. Reload it, and if it happens again, tell whoever runs the server.</p>
      </div>
    );
  }
}
