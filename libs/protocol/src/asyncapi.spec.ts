import { Parser } from '@asyncapi/parser';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLIENT_EVENT_NAMES, SERVER_EVENT_NAMES, WS_ERROR_CODES, WsCloseCode } from './ws';

/**
 * asyncapi.json documents the WebSocket protocol for people and tools; this
 * keeps it and the types in ws.ts in step: a valid AsyncAPI 3.0 document
 * with exactly the events and error codes the code has, both ways.
 */
describe('asyncapi.json', () => {
  const raw = readFileSync(join(__dirname, 'asyncapi.json'), 'utf8');
  const json = JSON.parse(raw);
  let document: NonNullable<Awaited<ReturnType<Parser['parse']>>['document']>;

  beforeAll(async () => {
    const { document: parsed, diagnostics } = await new Parser().parse(raw);
    // Severity 0 is an error; 1-3 are warnings, hints and information.
    expect(diagnostics.filter((d) => d.severity === 0).map((d) => `${d.path.join('.')}: ${d.message}`)).toEqual([]);
    expect(parsed).toBeDefined();
    document = parsed!;
  }, 30000);

  it('is AsyncAPI 3.0 with one channel at /ws', () => {
    expect(document.version()).toBe('3.0.0');
    expect(document.channels().all().map((channel) => channel.address())).toEqual(['/ws']);
  });

  /** Event names of the messages of every operation with this action (the server's view). */
  const namesOf = (action: 'send' | 'receive') =>
    document
      .operations()
      .all()
      .filter((operation) => operation.action() === action)
      .flatMap((operation) => operation.messages().all().map((message) => message.name()))
      .sort();

  it('lists every client event, and nothing else, as what the server receives', () => {
    expect(namesOf('receive')).toEqual([...CLIENT_EVENT_NAMES].sort());
  });

  it('lists every server event, and nothing else, as what the server sends', () => {
    expect(namesOf('send')).toEqual([...SERVER_EVENT_NAMES].sort());
  });

  it("gives each message a payload whose `event` is the message's name", () => {
    for (const message of document.allMessages().all()) {
      const event = message.payload()?.properties()?.['event'];
      expect({ message: message.name(), event: event?.const() }).toEqual({ message: message.name(), event: message.name() });
    }
  });

  it('has exactly the error codes of WS_ERROR_CODES', () => {
    expect([...json.components.schemas.ErrorCode.enum].sort()).toEqual([...WS_ERROR_CODES].sort());
    for (const code of WS_ERROR_CODES) expect(json.info.description).toContain(`\`${code}\``);
  });

  it('documents every close code the server uses, and 1008', () => {
    const documented = (json['x-close-codes'] as Array<{ code: number }>).map((entry) => entry.code).sort();
    expect(documented).toEqual([...Object.values(WsCloseCode), 1008].sort());
    for (const code of documented) expect(json.info.description).toContain(`| ${code} |`);
    expect(json.info.description).toContain('403');
  });

  it('keeps the email out of every user but the receiver’s own (`ready.user`)', () => {
    const { User, OwnUser, ReadyEvent } = json.components.schemas;
    expect(Object.keys(User.properties).sort()).toEqual(['displayName', 'id']);
    expect(Object.keys(OwnUser.properties).sort()).toEqual(['displayName', 'email', 'id']);
    expect(ReadyEvent.properties.user.$ref).toBe('#/components/schemas/OwnUser');
    const refsToOwnUser = raw.split('"#/components/schemas/OwnUser"').length - 1;
    expect(refsToOwnUser).toBe(1);
    // The examples follow the schemas: only the ready example shows an email.
    const withEmail = document
      .allMessages()
      .all()
      .filter((message) => JSON.stringify(message.examples().all().map((example) => example.payload())).includes('"email"'))
      .map((message) => message.name());
    expect(withEmail).toEqual(['ready']);
  });

  it('documents the token query parameter of the handshake', () => {
    const query = json.channels.chat.bindings.ws.query;
    expect(query.required).toEqual(['token']);
    expect(query.properties.token.type).toBe('string');
  });
});
