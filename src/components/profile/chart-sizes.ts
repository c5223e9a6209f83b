/** Chart heights, shared by the charts and the space kept for them while they load. */
export const barsHeight = (skills: number) => Math.max(160, 44 * skills + 40);
export const RADAR_HEIGHT = 300;
export const TREND_HEIGHT = 240;
