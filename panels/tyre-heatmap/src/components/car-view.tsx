/**
 * The car from above, front at the top: four tyres split into their zones, inner on the side of the car's centre
 * line, each zone filled with its field colour and labelled with its value; pressure, brake and core temperature
 * beside each wheel. Zones outside the operating window are hatched, outlined dashed and marked ▲ (hot) or ▼ (cold).
 */
import {
  isLeftWheel,
  WHEEL_NAMES,
  WHEEL_SHORT_NAMES,
  type TyreZone,
  type Wheel,
} from '@eracing/telemetry-core/channels';
import { type WindowState } from '@eracing/telemetry-core/tyres';
import type { GrafanaTheme2 } from '@grafana/data';
import { useTheme2 } from '@grafana/ui';
import { memo, useId } from 'react';

import type { CarState, WheelState, ZoneState } from '../model/car-state';

export const VIEW_WIDTH = 440;
export const VIEW_HEIGHT = 262;
const TYRE_WIDTH = 72;
const TYRE_HEIGHT = 88;
const FRONT_Y = 28;
const REAR_Y = 154;
const LEFT_X = 90;
const RIGHT_X = 278;

const WHEEL_POSITION: Record<Wheel, { x: number; y: number }> = {
  fl: { x: LEFT_X, y: FRONT_Y },
  fr: { x: RIGHT_X, y: FRONT_Y },
  rl: { x: LEFT_X, y: REAR_Y },
  rr: { x: RIGHT_X, y: REAR_Y },
};

/** Zones left to right as seen from above: a left wheel's inner zone is on its right, towards the car's centre. */
export function zonesLeftToRight<T extends { zone: TyreZone }>(wheel: Wheel, zones: readonly T[]): T[] {
  return isLeftWheel(wheel) ? [...zones].reverse() : [...zones];
}

interface ZoneProps {
  x: number;
  y: number;
  width: number;
  height: number;
  colour: string;
  textColour: string;
  text: string;
  state: WindowState;
  label: string;
  hatchId: string;
}

const Zone = memo(function Zone({ x, y, width, height, colour, textColour, text, state, label, hatchId }: ZoneProps) {
  const out = state === 'cold' || state === 'hot';
  const cx = x + width / 2;
  const cy = y + height / 2;
  return (
    <g data-testid="tyre-zone" data-zone={label} data-state={state}>
      <title>{out ? `${label}: ${state}` : label}</title>
      <rect x={x} y={y} width={width} height={height} fill={colour} />
      {/* Always in the tree, shown or hidden: a zone leaving the window changes attributes, mounts nothing. */}
      <g visibility={out ? 'visible' : 'hidden'}>
        <rect x={x} y={y} width={width} height={height} fill={`url(#${hatchId})`} />
        <rect
          x={x + 1.5}
          y={y + 1.5}
          width={width - 3}
          height={height - 3}
          fill="none"
          stroke={textColour}
          strokeWidth={1.5}
          strokeDasharray="4 3"
        />
        <text x={cx} y={y + 14} textAnchor="middle" fontSize={12} fill={textColour}>
          {state === 'hot' ? '▲' : '▼'}
        </text>
      </g>
      <text
        x={cx}
        y={cy}
        transform={`rotate(-90 ${cx} ${cy})`}
        textAnchor="middle"
        dominantBaseline="central"
        fontSize={13}
        fontWeight={500}
        fill={textColour}
      >
        {text}
      </text>
    </g>
  );
});

interface WheelInfoProps {
  wheel: Wheel;
  pressure?: string;
  brake?: string;
  core?: string;
  colour: string;
  muted: string;
}

interface InfoLineProps {
  x: number;
  y: number;
  anchor: 'start' | 'end';
  name: string;
  text: string;
  colour: string;
  muted: string;
}

/** One line beside a wheel, its own component so that a new brake temperature re-renders that line alone. */
const InfoLine = memo(function InfoLine({ x, y, anchor, name, text, colour, muted }: InfoLineProps) {
  return (
    <text x={x} y={y} textAnchor={anchor} fontSize={11}>
      <tspan x={x} fill={muted}>
        {name}
      </tspan>
      <tspan x={x} dy={14} fill={colour} fontSize={13}>
        {text}
      </tspan>
    </text>
  );
});

const WheelInfo = memo(function WheelInfo({ wheel, pressure, brake, core, colour, muted }: WheelInfoProps) {
  const { x, y } = WHEEL_POSITION[wheel];
  const left = isLeftWheel(wheel);
  const anchor = left ? 'end' : 'start';
  const textX = left ? x - 8 : x + TYRE_WIDTH + 8;
  const lines: [string, string][] = [];
  if (pressure !== undefined) lines.push(['Pressure', pressure]);
  if (brake !== undefined) lines.push(['Brake', brake]);
  if (core !== undefined) lines.push(['Core', core]);
  return (
    <g data-testid="wheel-info" data-wheel={wheel}>
      <text x={textX} y={y + 10} textAnchor={anchor} fontSize={12} fontWeight={500} fill={colour}>
        {WHEEL_SHORT_NAMES[wheel]}
      </text>
      {lines.map(([name, text], i) => (
        <InfoLine
          key={name}
          x={textX}
          y={y + 28 + i * 27}
          anchor={anchor}
          name={name}
          text={text}
          colour={colour}
          muted={muted}
        />
      ))}
    </g>
  );
});

const Hatch = memo(function Hatch({ id }: { id: string }) {
  return (
    <defs>
      <pattern id={id} width={6} height={6} patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <line x1={0} y1={0} x2={0} y2={6} stroke="rgba(0,0,0,0.45)" strokeWidth={2} />
      </pattern>
    </defs>
  );
});

const CarOutline = memo(function CarOutline({ stroke, fill }: { stroke: string; fill: string }) {
  const hubY = (y: number) => y + TYRE_HEIGHT / 2;
  return (
    <g stroke={stroke} strokeWidth={1.5} fill={fill} strokeLinejoin="round">
      {/* front wing, nose, monocoque with sidepods, engine cover, rear wing */}
      <rect x={100} y={4} width={240} height={12} rx={3} />
      <path d="M207 16 L233 16 L238 92 L260 118 L260 208 L246 236 L194 236 L180 208 L180 118 L202 92 Z" />
      <ellipse cx={220} cy={140} rx={14} ry={24} fill={stroke} opacity={0.35} />
      <rect x={156} y={244} width={128} height={14} rx={3} />
      <path
        d={`M205 ${hubY(FRONT_Y)} H${LEFT_X + TYRE_WIDTH} M235 ${hubY(FRONT_Y)} H${RIGHT_X} M180 ${hubY(REAR_Y)} H${LEFT_X + TYRE_WIDTH} M260 ${hubY(REAR_Y)} H${RIGHT_X}`}
        fill="none"
      />
    </g>
  );
});

/** Text colour on each zone colour; thresholds give a handful of colours, so each is worked out once per theme. */
const contrastTexts = new WeakMap<GrafanaTheme2, Map<string, string>>();

function contrastText(theme: GrafanaTheme2, background: string): string {
  let texts = contrastTexts.get(theme);
  if (!texts) contrastTexts.set(theme, (texts = new Map()));
  let text = texts.get(background);
  if (text === undefined) {
    text = theme.colors.getContrastText(background);
    if (texts.size < 256) texts.set(background, text);
  }
  return text;
}

/** A wheel whose zones all show the same thing re-renders nothing: its zones are compared by their primitives. */
function sameZones(a: { wheel: WheelState; hatchId: string }, b: { wheel: WheelState; hatchId: string }): boolean {
  if (a.hatchId !== b.hatchId || a.wheel.wheel !== b.wheel.wheel || a.wheel.zones.length !== b.wheel.zones.length) {
    return false;
  }
  return a.wheel.zones.every((zone, i) => {
    const other = b.wheel.zones[i];
    return (
      zone.zone === other.zone && zone.text === other.text && zone.colour === other.colour && zone.state === other.state
    );
  });
}

/** The tyre's rounded outline: dashed where the wheel has no zone, solid round its zones. */
function TyreOutline({ x, y, stroke, missing }: { x: number; y: number; stroke: string; missing?: boolean }) {
  return (
    <rect
      x={x}
      y={y}
      width={TYRE_WIDTH}
      height={TYRE_HEIGHT}
      rx={8}
      fill="none"
      stroke={stroke}
      strokeWidth={missing ? undefined : 2}
      strokeDasharray={missing ? '4 3' : undefined}
    />
  );
}

const WheelZones = memo(function WheelZones({ wheel, hatchId }: { wheel: WheelState; hatchId: string }) {
  const theme = useTheme2();
  const { x, y } = WHEEL_POSITION[wheel.wheel];
  if (wheel.zones.length === 0) {
    return (
      <g data-testid="tyre-missing" data-wheel={wheel.wheel}>
        <title>{`${WHEEL_NAMES[wheel.wheel]}: no tyre temperature`}</title>
        <TyreOutline x={x} y={y} stroke={theme.colors.border.strong} missing />
      </g>
    );
  }
  const ordered = zonesLeftToRight(wheel.wheel, wheel.zones);
  const width = TYRE_WIDTH / ordered.length;
  return (
    <>
      {ordered.map((zone: ZoneState, i) => (
        <Zone
          key={zone.zone}
          x={x + i * width}
          y={y}
          width={width}
          height={TYRE_HEIGHT}
          colour={zone.colour}
          textColour={contrastText(theme, zone.colour)}
          text={zone.text}
          state={zone.state}
          label={`${WHEEL_SHORT_NAMES[wheel.wheel]} ${zone.zone}`}
          hatchId={hatchId}
        />
      ))}
      <TyreOutline x={x} y={y} stroke={theme.colors.border.strong} />
    </>
  );
}, sameZones);

export interface CarViewProps {
  state: CarState;
  width: number;
  height: number;
}

export function CarView({ state, width, height }: CarViewProps) {
  const theme = useTheme2();
  const hatchId = `tyre-hatch-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  return (
    <svg
      width={width}
      height={height}
      viewBox={`0 0 ${VIEW_WIDTH} ${VIEW_HEIGHT}`}
      role="img"
      aria-label="Tyre temperatures, car seen from above"
      data-testid="tyre-car-view"
    >
      <Hatch id={hatchId} />
      <CarOutline stroke={theme.colors.border.strong} fill={theme.colors.background.secondary} />
      {state.wheels.map((wheel) => (
        <g key={wheel.wheel} data-wheel={wheel.wheel}>
          <WheelZones wheel={wheel} hatchId={hatchId} />
          <WheelInfo
            wheel={wheel.wheel}
            pressure={wheel.pressure}
            brake={wheel.brake}
            core={wheel.core}
            colour={theme.colors.text.primary}
            muted={theme.colors.text.secondary}
          />
        </g>
      ))}
    </svg>
  );
}
