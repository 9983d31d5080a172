// Public surface of kite's schemas: the registry of named OpenAPI v3 schemas, the served OpenAPI
// documents, strict unknown-field checking and the protobuf request decoder.

export { schemaRegistry } from './registry.js';
export { openapiDocument, openapiIndex, gvPathOf, type OpenAPIDocument } from './openapi.js';
export { unknownFields, strictDecodingMessage } from './strict.js';
export { decodeProtobufObject } from './protobuf.js';
export type { OpenAPISchema, SchemaRegistry } from './types.js';
