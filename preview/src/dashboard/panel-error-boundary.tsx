import { Component, type ReactNode } from 'react';

interface Props {
  onError: (message: string) => void;
  children: ReactNode;
  /** A change of this key clears a caught error (new options, new data shape). */
  resetKey: unknown;
}

/** Keeps a panel that throws while rendering from taking the dashboard down, as Grafana's panel boundary does. */
export class PanelErrorBoundary extends Component<Props, { error?: Error; key: unknown }> {
  override state: { error?: Error; key: unknown } = { key: this.props.resetKey };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: { error?: Error; key: unknown }) {
    return props.resetKey === state.key ? null : { error: undefined, key: props.resetKey };
  }

  override componentDidCatch(error: Error) {
    this.props.onError(error.message);
  }

  override render() {
    if (this.state.error) {
      return (
        <div role="alert" style={{ padding: 8, color: '#ff7383' }}>
          The panel crashed: {this.state.error.message}
        </div>
      );
    }
    return this.props.children;
  }
}
