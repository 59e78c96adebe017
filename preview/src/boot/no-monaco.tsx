/** Stands in for @grafana/ui's Monaco code editor, which the preview leaves out of its build. */
export default function ReactMonacoEditor() {
  return <div style={{ padding: 8, opacity: 0.7 }}>The code editor is not available in the preview.</div>;
}
