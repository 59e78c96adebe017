/** The tyre heatmap has no options yet; colour scale and extra channels arrive with the heatmap itself. */
export type TyreHeatmapOptions = Record<string, never>;
