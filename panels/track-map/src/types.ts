/** The track map has no options yet; colouring, sectors and cars arrive with the map itself. */
export type TrackMapOptions = Record<string, never>;
