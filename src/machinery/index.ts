// The public surface of src/machinery: API errors, time, selectors, quantities, patches and decoding.

export * from './errors.js';
export * from './clock.js';
export * from './validation.js';
export * from './labels.js';
export * from './fields.js';
export * from './quantity.js';
export * from './duration.js';
export * from './fieldpath.js';
export * from './jsonvalue.js';
export * from './json.js';
export * from './yaml.js';
export * from './jsonpatch.js';
export * from './mergepatch.js';
