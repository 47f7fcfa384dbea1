export * from './limits';
export * from './mentions';
export * from './reactions';
export * from './rest';
export * from './ws';
export * from './search';
