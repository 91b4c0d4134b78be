/** Routing protocol v1: message types, limits, error and close codes, and the codec at the edge. */
export * from './closeCodes';
export * from './codec';
export * from './errors';
export * from './limits';
export * from './messages';
export * from './phoneNumbers';
export * from './skills';
export * from './overflow';
export * from './hours';
export * from './actions';
export * from './bridge';
