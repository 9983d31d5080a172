// OpenAPI v3 schema objects with the Kubernetes extensions. This is the one schema format every
// consumer reads: OpenAPI serving, kubectl explain, strict field validation, strategic merge patch,
// server-side apply and the protobuf decoder.

export interface OpenAPISchema {
  $ref?: string;
  allOf?: OpenAPISchema[];
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  format?: string;
  description?: string;
  properties?: Record<string, OpenAPISchema>;
  additionalProperties?: OpenAPISchema | boolean;
  items?: OpenAPISchema;
  required?: string[];
  enum?: unknown[];
  default?: unknown;
  'x-kubernetes-group-version-kind'?: { group: string; version: string; kind: string }[];
  'x-kubernetes-patch-merge-key'?: string;
  'x-kubernetes-patch-strategy'?: string; // 'merge' | 'replace' | 'retainKeys' | 'merge,retainKeys'
  'x-kubernetes-list-type'?: 'atomic' | 'set' | 'map';
  'x-kubernetes-list-map-keys'?: string[];
  'x-kubernetes-map-type'?: 'atomic' | 'granular';
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
  'x-kubernetes-unions'?: unknown[];
  /** kite-only: protobuf field number of this property in its parent message (stripped when served). */
  'x-kite-proto'?: number;
  /** kite-only: protobuf scalar type where JSON type is ambiguous ('int32'|'int64'|'bytes'|'double'|'Time'|'MicroTime'|'Quantity'|'IntOrString'|'RawExtension'|'FieldsV1'). */
  'x-kite-proto-type'?: string;
  /** kite-only: for fields of an embedded (inlined) Go struct, the parent's field number of the embedded message. */
  'x-kite-proto-inline'?: number;
  /** kite-only: keep this scalar's zero value (0, false, "") when decoding protobuf, because the Go field is a pointer or lacks `omitempty` (stripped when served). */
  'x-kite-proto-keep-zero'?: boolean;
}

/** Named schemas ("io.k8s.api.apps.v1.Deployment") and lookups by kind. */
export interface SchemaRegistry {
  /** All named schemas, as in components.schemas (names without "#/components/schemas/"). */
  readonly schemas: Readonly<Record<string, OpenAPISchema>>;
  /** The root schema name for an apiVersion/kind, e.g. ('apps/v1','Deployment') -> 'io.k8s.api.apps.v1.Deployment'. */
  nameForKind(apiVersion: string, kind: string): string | undefined;
  /** Follows $ref (and a single-element allOf wrapping a $ref) to the named schema. */
  resolve(schema: OpenAPISchema): OpenAPISchema;
}
