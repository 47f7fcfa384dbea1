import { MetricsService } from './metrics.service';

describe(MetricsService.name, () => {
  let metrics: MetricsService;

  beforeEach(() => {
    metrics = new MetricsService();
  });

  /** The value of one sample of the text exposition, by its exact name and label text. */
  async function sample(line: string): Promise<number | undefined> {
    const text = await metrics.scrape();
    const found = text.split('\n').find((l) => l.startsWith(`${line} `));
    return found === undefined ? undefined : Number(found.slice(line.length + 1));
  }

  it('has its own registry, with the default Node metrics (event-loop lag among them)', async () => {
    const other = new MetricsService();
    other.messageStored();
    expect(await sample('chat_messages_stored_total')).toBe(0);
    expect(await metrics.scrape()).toContain('nodejs_eventloop_lag_seconds');
  });

  it('reads the connection gauges from their source at scrape time', async () => {
    let counts = { connections: 3, users: 2 };
    metrics.readConnectionsFrom(() => counts);
    expect(await sample('chat_ws_connections_open')).toBe(3);
    expect(await sample('chat_users_online')).toBe(2);
    counts = { connections: 0, users: 0 };
    expect(await sample('chat_ws_connections_open')).toBe(0);
  });

  it('adds the frames of each fan-out and times it once per message', async () => {
    metrics.messageFannedOut(5, performance.now());
    metrics.messageFannedOut(0, performance.now());
    metrics.messageFannedOut(2, undefined);
    metrics.messageEchoed();
    expect(await sample('chat_messages_delivered_total')).toBe(8);
    expect(await sample('chat_fanout_latency_seconds_count')).toBe(2);
  });

  it('lists every WebSocket error code from the start and counts each apart', async () => {
    metrics.wsErrorSent('not_found');
    metrics.wsErrorSent('not_found');
    expect(await sample('chat_ws_errors_total{code="not_found"}')).toBe(2);
    expect(await sample('chat_ws_errors_total{code="bad_request"}')).toBe(0);
    expect(await sample('chat_ws_errors_total{code="forbidden"}')).toBe(0);
    expect(await sample('chat_ws_errors_total{code="rate_limited"}')).toBe(0);
  });

  it('counts HTTP requests by method, route and status', async () => {
    metrics.httpRequestAnswered('GET', '/api/groups/:name', 404, 0.002);
    metrics.httpRequestAnswered('GET', '/api/groups/:name', 404, 0.003);
    metrics.httpRequestAnswered('GET', '/api/groups/:name', 200, 0.001);
    expect(await sample('chat_http_request_duration_seconds_count{method="GET",route="/api/groups/:name",status="404"}')).toBe(2);
    expect(await sample('chat_http_request_duration_seconds_count{method="GET",route="/api/groups/:name",status="200"}')).toBe(1);
  });
});
