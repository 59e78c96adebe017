import { MARKER_RADIUS } from '../scene/labels';
import { type Palette } from './canvas';

export interface Marker {
  /** Screen position, CSS px. */
  x: number;
  y: number;
  colour: string;
  label: string;
}

const DOT_RADIUS = MARKER_RADIUS;
/** Where the dot's centre sits in a marker sprite, CSS px. */
const SPRITE_ORIGIN = 8;

const sprites = new Map<string, HTMLCanvasElement>();

/**
 * A car's dot and label, drawn once into a small canvas and then stamped with drawImage every frame: text is the
 * dearest thing a canvas draws, and a marker's never changes.
 */
function markerSprite(marker: Marker, palette: Palette, showLabels: boolean, dpr: number): HTMLCanvasElement {
  const key = `${marker.label}|${marker.colour}|${showLabels}|${dpr}|${palette.font}|${palette.text}|${palette.textHalo}`;
  let sprite = sprites.get(key);
  if (sprite) return sprite;
  if (sprites.size > 500) sprites.clear();
  sprite = document.createElement('canvas');
  const measure = sprite.getContext('2d')!;
  measure.font = palette.font;
  const textWidth = showLabels ? measure.measureText(marker.label).width : 0;
  const width = SPRITE_ORIGIN + DOT_RADIUS + (showLabels ? textWidth + 12 : 4);
  const height = 2 * SPRITE_ORIGIN + 2;
  sprite.width = Math.ceil(width * dpr);
  sprite.height = Math.ceil(height * dpr);
  const ctx = sprite.getContext('2d')!;
  ctx.scale(dpr, dpr);
  ctx.fillStyle = marker.colour;
  ctx.strokeStyle = palette.textHalo;
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  ctx.arc(SPRITE_ORIGIN, SPRITE_ORIGIN + 1, DOT_RADIUS, 0, 2 * Math.PI);
  ctx.fill();
  ctx.stroke();
  if (showLabels) {
    ctx.globalAlpha = 0.75;
    ctx.fillStyle = palette.textHalo;
    ctx.fillRect(SPRITE_ORIGIN + 8, 1, textWidth + 6, 16);
    ctx.globalAlpha = 1;
    ctx.fillStyle = palette.text;
    ctx.font = palette.font;
    ctx.textBaseline = 'middle';
    ctx.fillText(marker.label, SPRITE_ORIGIN + 11, SPRITE_ORIGIN + 1);
  }
  sprites.set(key, sprite);
  return sprite;
}

/** The markers layer: each car's sprite, and the shared cursor's dot. */
export function drawMarkers(
  ctx: CanvasRenderingContext2D,
  markers: readonly Marker[],
  palette: Palette,
  showLabels: boolean,
  dpr: number,
  cursor?: { x: number; y: number },
  /** Receives x, y, width, height of every box drawn, so the next frame can clear just those. */
  dirty?: number[],
): void {
  for (const m of markers) {
    if (m.x !== m.x || m.y !== m.y) continue;
    const sprite = markerSprite(m, palette, showLabels, dpr);
    const x = m.x - SPRITE_ORIGIN;
    const y = m.y - SPRITE_ORIGIN - 1;
    const w = sprite.width / dpr;
    const h = sprite.height / dpr;
    ctx.drawImage(sprite, x, y, w, h);
    dirty?.push(x, y, w, h);
  }
  if (cursor && cursor.x === cursor.x) {
    dirty?.push(cursor.x - 10, cursor.y - 10, 20, 20);
    ctx.lineWidth = 2;
    ctx.strokeStyle = palette.text;
    ctx.fillStyle = palette.textHalo;
    ctx.beginPath();
    ctx.arc(cursor.x, cursor.y, 7, 0, 2 * Math.PI);
    ctx.fill();
    ctx.stroke();
    ctx.beginPath();
    ctx.arc(cursor.x, cursor.y, 2.5, 0, 2 * Math.PI);
    ctx.fillStyle = palette.text;
    ctx.fill();
  }
}
