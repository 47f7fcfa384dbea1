import { Parser } from '@asyncapi/parser';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ts from 'typescript';
import { DM_NAME_PREFIX, isValidGroupName } from './limits';
import { CLIENT_EVENT_NAMES, SERVER_EVENT_NAMES, WS_ERROR_CODES, WsCloseCode } from './ws';

/**
 * asyncapi.json documents the WebSocket protocol for people and tools; this
 * keeps it and the types in ws.ts in step: a valid AsyncAPI 3.0 document
 * with exactly the events and error codes the code has, both ways, and
 * every event's data shaped like its type.
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

  it('gives every event the data of its type in ws.ts: the same fields, the same required ones, null where the type allows it', () => {
    const types = eventTypes();
    const dataOf = (action: 'send' | 'receive') =>
      Object.values(json.operations as Record<string, { action: string; messages: { $ref: string }[] }>)
        .filter((operation) => operation.action === action)
        .flatMap((operation) => operation.messages.map((ref) => resolve(json, ref)))
        .map((message) => [message.name as string, message.payload.properties.data as Schema] as const);
    const found = [
      ...dataOf('send').flatMap(([name, data]) => shapeDifferences(types.checker, types.server(name), data, json, `${name} (server)`)),
      ...dataOf('receive').flatMap(([name, data]) => shapeDifferences(types.checker, types.client(name), data, json, `${name} (client)`)),
    ];
    expect(found).toEqual([]);
  });

  it('lists, as the events that change history, exactly the server events whose data carries `rev`', () => {
    const withRev = Object.values(json.components.messages as Record<string, { name: string; payload: Schema }>)
      .filter((message) => SERVER_EVENT_NAMES.includes(message.name as never))
      .filter((message) => (resolve(json, message.payload.properties?.['data']) as Schema).required?.includes('rev'))
      .map((message) => message.name)
      .sort();
    const listed = /Live events that change history \(([^)]*)\) carry `rev`/.exec(json.info.description)?.[1];
    expect(listed?.match(/[a-z]+/g)?.sort()).toEqual(withRev);
  });

  it('has examples that follow their schemas', () => {
    const found = Object.entries(json.components.messages as Record<string, { payload: Schema; examples?: { name: string; payload: unknown }[] }>).flatMap(
      ([key, message]) => (message.examples ?? []).flatMap((example) => schemaViolations(example.payload, message.payload, json, `${key} example ${example.name}`)),
    );
    expect(found).toEqual([]);
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

  it('documents direct messages: `kind` on every group, the `dm` event with both people, dm names wherever a group name goes', () => {
    const { Group, Dm, GroupName } = json.components.schemas;
    expect(Group.required).toContain('kind');
    expect([...Group.properties.kind.enum].sort()).toEqual(['dm', 'group']);
    expect(Dm.properties.kind.const).toBe('dm');
    expect(Dm.required).toContain('members');
    expect(Dm.properties.members).toMatchObject({ minItems: 2, maxItems: 2, items: { $ref: '#/components/schemas/User' } });
    // The group event's example is a group; the dm event's is a dm whose name is outside the group-name grammar.
    const example = (key: string) => json.components.messages[key].examples[0].payload.data;
    expect(example('serverGroup').kind).toBe('group');
    const dm = example('serverDm');
    expect(dm.name.startsWith(DM_NAME_PREFIX)).toBe(true);
    expect(isValidGroupName(dm.name)).toBe(false);
    // A dm name is a valid `group` in every event: GroupName has no pattern that refuses it.
    expect(schemaViolations(dm.name, GroupName, json, 'dm name')).toEqual([]);
    expect(example('serverReady').groups).toContain(dm.name);
    // The prose says how ready, the group events and a third user treat a dm.
    for (const phrase of ['`ready.groups` lists dm names', 'Every group event works with a dm', '`error not_found`']) {
      expect(json.info.description).toContain(phrase);
    }
  });

  it('documents the token query parameter of the handshake', () => {
    const query = json.channels.chat.bindings.ws.query;
    expect(query.required).toEqual(['token']);
    expect(query.properties.token.type).toBe('string');
  });
});

/** The part of a JSON schema these checks read. */
interface Schema {
  $ref?: string;
  type?: string | string[];
  const?: unknown;
  enum?: string[];
  minimum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  additionalProperties?: boolean;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  oneOf?: Schema[];
  anyOf?: Schema[];
}

/** Follows `$ref`s (local JSON pointers) in the document `root` until a node without one. */
function resolve(root: any, node: any): any {
  while (node.$ref) node = (node.$ref as string).slice(2).split('/').reduce((at, key) => at[key], root);
  return node;
}

/** The types of ServerEvents and ClientEvents, by event name, from ws.ts as the compiler sees it. */
function eventTypes() {
  const file = join(__dirname, 'ws.ts');
  const program = ts.createProgram([file], { strict: true, noEmit: true, skipLibCheck: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  if (!source) throw new Error(`${file} is not in the program`);
  const map = (name: string) => {
    const declaration = source.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === name);
    if (!declaration) throw new Error(`no interface ${name} in ws.ts`);
    const type = checker.getTypeAtLocation(declaration);
    return (event: string) => {
      const property = type.getProperty(event);
      if (!property) throw new Error(`${name} has no ${event}`);
      return checker.getTypeOfSymbol(property);
    };
  };
  return { checker, server: map('ServerEvents'), client: map('ClientEvents') };
}

/**
 * Where a schema and a TypeScript type disagree, down through objects and
 * arrays: property names, required (not optional) ones, null, primitive kinds
 * and string-literal enums.
 */
function shapeDifferences(checker: ts.TypeChecker, type: ts.Type, schema: Schema, root: unknown, path: string): string[] {
  schema = resolve(root, schema);
  const parts = type.isUnion() ? type.types : [type];
  const typeNullable = parts.some((t) => t.flags & ts.TypeFlags.Null);
  const present = parts.filter((t) => !(t.flags & (ts.TypeFlags.Null | ts.TypeFlags.Undefined)));
  // A schema allows null by a type list with 'null' or by a { type: 'null' } branch.
  let schemaNullable = false;
  const branches = schema.oneOf ?? schema.anyOf;
  if (branches) {
    schemaNullable = branches.some((b) => b.type === 'null');
    const others = branches.filter((b) => b.type !== 'null');
    if (others.length !== 1) return [`${path}: a union of ${others.length} schemas`];
    schema = resolve(root, others[0]);
  } else if (Array.isArray(schema.type)) {
    schemaNullable = schema.type.includes('null');
    const others = schema.type.filter((t) => t !== 'null');
    schema = { ...schema, type: others.length === 1 ? others[0] : others };
  }
  const differences: string[] = typeNullable === schemaNullable ? [] : [`${path}: ${typeNullable ? 'null in ws.ts, not in' : 'null in'} the schema`];
  const kind = schema.type === 'integer' ? 'number' : schema.type;
  const mismatch = (expected: string) => (kind === expected ? [] : [`${path}: ${expected} in ws.ts, ${kind ?? 'untyped'} in the schema`]);
  if (present.every((t) => t.flags & ts.TypeFlags.BooleanLike)) return [...differences, ...mismatch('boolean')];
  if (present.every((t) => t.isStringLiteral()) && present.length > 1) {
    const values = present.map((t) => (t as ts.StringLiteralType).value).sort();
    const documented = [...(schema.enum ?? [])].sort();
    return [...differences, ...(JSON.stringify(values) === JSON.stringify(documented) ? [] : [`${path}: enum ${documented} for ${values}`])];
  }
  if (present.length !== 1) return [...differences, `${path}: a union ws.ts has and the schema cannot say`];
  const [t] = present;
  // One string literal (Dm.kind is 'dm'): the schema says it with `const` (or an enum of that one value).
  if (t.isStringLiteral()) {
    const documented = schema.const ?? (schema.enum?.length === 1 ? schema.enum[0] : undefined);
    return [...differences, ...mismatch('string'), ...(documented === t.value ? [] : [`${path}: ${JSON.stringify(t.value)} in ws.ts, ${JSON.stringify(documented)} in the schema`])];
  }
  if (t.flags & ts.TypeFlags.String) return [...differences, ...mismatch('string')];
  if (t.flags & ts.TypeFlags.Number) return [...differences, ...mismatch('number')];
  if (checker.isArrayType(t)) {
    const [item] = checker.getTypeArguments(t as ts.TypeReference);
    return [...differences, ...mismatch('array'), ...(kind === 'array' && schema.items ? shapeDifferences(checker, item, schema.items, root, `${path}[]`) : [])];
  }
  if (kind !== 'object') return [...differences, ...mismatch('object')];
  const properties = t.getProperties();
  const names = properties.map((p) => p.name).sort();
  const required = properties.filter((p) => !(p.flags & ts.SymbolFlags.Optional)).map((p) => p.name).sort();
  const schemaProperties = schema.properties ?? {};
  const documented = Object.keys(schemaProperties).sort();
  const documentedRequired = [...(schema.required ?? [])].sort();
  if (names.join() !== documented.join()) differences.push(`${path}: fields ${names} in ws.ts, ${documented} in the schema`);
  if (required.join() !== documentedRequired.join()) differences.push(`${path}: required ${required} in ws.ts, ${documentedRequired} in the schema`);
  for (const property of properties) {
    if (!schemaProperties[property.name]) continue;
    const propertyType = checker.getTypeOfSymbol(property);
    differences.push(...shapeDifferences(checker, propertyType, schemaProperties[property.name], root, `${path}.${property.name}`));
  }
  return differences;
}

const jsonType = (value: unknown) =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value;

/** Where `value` breaks `schema`: the keywords this document uses (no formats), enough to check its examples. */
function schemaViolations(value: unknown, schema: Schema, root: unknown, path: string): string[] {
  schema = resolve(root, schema);
  const branches = schema.oneOf ?? schema.anyOf;
  if (branches) {
    const matching = branches.filter((branch) => !schemaViolations(value, branch, root, path).length).length;
    return (schema.oneOf ? matching === 1 : matching > 0) ? [] : [`${path}: matches ${matching} of its ${branches.length} schemas`];
  }
  const type = jsonType(value);
  const allowed = schema.type === undefined ? [] : ([] as string[]).concat(schema.type);
  if (allowed.length && !allowed.includes(type) && !(type === 'integer' && allowed.includes('number'))) {
    return [`${path}: ${type}, not ${allowed.join(' or ')}`];
  }
  const out: string[] = [];
  const check = (ok: boolean, what: string) => ok || out.push(`${path}: ${what}`);
  if (schema.const !== undefined) check(value === schema.const, `not ${JSON.stringify(schema.const)}`);
  if (schema.enum) check(schema.enum.includes(value as string), `not one of ${schema.enum}`);
  if (typeof value === 'number' && schema.minimum !== undefined) check(value >= schema.minimum, `below ${schema.minimum}`);
  if (typeof value === 'string') {
    const length = [...value].length;
    check(length >= (schema.minLength ?? 0) && length <= (schema.maxLength ?? Infinity), `length ${length}`);
  }
  if (Array.isArray(value)) {
    check(value.length >= (schema.minItems ?? 0) && value.length <= (schema.maxItems ?? Infinity), `${value.length} items`);
    value.forEach((item, i) => schema.items && out.push(...schemaViolations(item, schema.items, root, `${path}[${i}]`)));
  }
  if (type === 'object') {
    const object = value as Record<string, unknown>;
    for (const name of schema.required ?? []) check(name in object, `no ${name}`);
    for (const [name, field] of Object.entries(object)) {
      const fieldSchema = schema.properties?.[name];
      if (fieldSchema) out.push(...schemaViolations(field, fieldSchema, root, `${path}.${name}`));
      else check(schema.additionalProperties !== false, `unknown field ${name}`);
    }
  }
  return out;
}
