// @grafana/ui loads icons with react-inlinesvg, which fetches SVGs; in jsdom an empty svg stands in.
import React from 'react';

export default function InlineSVG(props: { className?: string }) {
  return <svg className={props.className} />;
}
