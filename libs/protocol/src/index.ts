export * from './limits';
export * from './rest';
export * from './ws';
