/** Paths the API owns (REST, Swagger, health): never the web client's, never compressed. */
export function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

/** The API's paths and the WebSocket's: never answered with the web client. */
export function isServerPath(path: string): boolean {
  return isApiPath(path) || path === '/ws' || path.startsWith('/ws/');
}
