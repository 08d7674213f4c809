// Where the API, the token endpoint and the event stream live, for Zoom and for a Presence server.

export type ServiceUrls = { apiBaseUrl: string; tokenUrl: string; streamUrl?: string };

export const ZOOM_URLS: Readonly<ServiceUrls> = Object.freeze({
  apiBaseUrl: 'https://api.zoom.us/v2',
  tokenUrl: 'https://zoom.us/oauth/token',
});

/** All three URLs of a Presence server from its origin, e.g. `http://127.0.0.1:8080`. */
export function presenceServerUrls(origin: string): Required<ServiceUrls> {
  const base = trimSlashes(origin);
  return { apiBaseUrl: `${base}/v2`, tokenUrl: `${base}/oauth/token`, streamUrl: `${base}/presence/v1/stream` };
}

/** The stream is an extension outside /v2, so it hangs off the server base. */
export function streamUrlFor(apiBaseUrl: string): string {
  return `${trimSlashes(apiBaseUrl).replace(/\/v2$/, '')}/presence/v1/stream`;
}

export function presenceStatusUrl(apiBaseUrl: string, userId: string): string {
  if (typeof userId !== 'string' || userId === '') throw new TypeError('userId must be a non-empty string');
  return `${trimSlashes(apiBaseUrl)}/users/${encodeURIComponent(userId)}/presence_status`;
}

function trimSlashes(url: string): string {
  return url.replace(/\/+$/, '');
}
