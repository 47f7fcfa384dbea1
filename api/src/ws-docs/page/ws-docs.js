/* global AsyncApiStandalone */
// Renders the AsyncAPI document with the standalone viewer (viewer.js, which
// defines AsyncApiStandalone). A file of its own, not an inline script, so
// the page needs no 'unsafe-inline' in its Content-Security-Policy.
AsyncApiStandalone.render(
  {
    schema: { url: '/api/ws-docs/asyncapi.json' },
    config: { show: { sidebar: true, errors: true } },
  },
  document.getElementById('asyncapi'),
);
